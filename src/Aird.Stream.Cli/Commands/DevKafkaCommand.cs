using System.CommandLine;
using System.Globalization;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Messaging;
using Aird.Stream.Messaging.DevBroker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird dev-kafka</c>: hosts a Kafka-protocol broker with the pipeline's topics until stopped.</summary>
internal static partial class DevKafkaCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers")
        {
            Description = "Number of brokers in the cluster.",
            DefaultValueFactory = _ => 1,
        };
        OptionRules.Require(brokers, v => v >= 1, "--brokers must be at least 1.");
        var topics = new Option<string[]>("--topic")
        {
            Description = "A topic to create, as NAME or NAME:PARTITIONS (1 partition if omitted); repeatable. "
                + "Without it: the pipeline's topics as named by Kafka:Topics, crops and embeddings with 8 partitions, "
                + "alerts and dead letters with 1.",
            HelpName = "NAME[:PARTITIONS]",
        };
        topics.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TopicSpec.TryParse(token.Value, out _))
                {
                    result.AddError($"--topic '{token.Value}' is not NAME or NAME:PARTITIONS with PARTITIONS of at least 1.");
                }
            }
        });

        var command = new Command(
            "dev-kafka",
            "Host a Kafka-protocol broker for development and tests (librdkafka's mock cluster) on localhost TCP, with "
            + "pre-created topics, until Ctrl+C or SIGTERM. Prints the bootstrap servers as one line on stdout; logs go "
            + "to stderr. The brokers listen on ports the kernel picks: librdkafka's mock cluster cannot bind a chosen "
            + "port, so read them from that line. Nothing is persisted and only about 5 MiB per partition is kept; "
            + "production runs on Apache Kafka.")
        {
            brokers,
            topics,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var requested = parseResult.GetValue(topics) is { Length: > 0 } specs ? specs.Select(TopicSpec.Parse).ToList() : null;
            return RunAsync(parseResult, parseResult.GetValue(brokers), requested, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, int brokerCount, IReadOnlyList<TopicSpec>? requested, CancellationToken cancellationToken)
    {
        // System.CommandLine hooks Ctrl+C and SIGTERM only once the action has returned its task: yield first, so that
        // a signal arriving right after the bootstrap line is printed still stops the broker gracefully.
        await Task.Yield();
        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Services.AddAirdKafka(builder.Configuration);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Aird.Stream.Cli.DevKafka");
        MockKafkaCluster cluster;
        IReadOnlyList<TopicSpec> topics;
        try
        {
            topics = requested ?? PipelineTopics(host.Services.GetRequiredService<IOptions<TopicOptions>>().Value);
            cluster = StartCluster(brokerCount, topics);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"aird dev-kafka: {e.Message}");
            return 1;
        }

        using (cluster)
        {
            Listening(logger, brokerCount, cluster.BootstrapServers, topics);
            await Console.Out.WriteLineAsync(cluster.BootstrapServers);
            await Console.Out.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Stopping(logger);
            }
        }

        return 0;
    }

    /// <summary>A running cluster with <paramref name="topics"/> created; <c>aird run</c> hosts its broker the same way.</summary>
    internal static MockKafkaCluster StartCluster(int brokerCount, IReadOnlyList<TopicSpec> topics)
    {
        var cluster = new MockKafkaCluster(brokerCount);
        try
        {
            foreach (var topic in topics)
            {
                cluster.CreateTopic(topic.Name, topic.Partitions);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    internal static List<TopicSpec> PipelineTopics(TopicOptions names) =>
        [new(names.Crops, 8), new(names.Embeddings, 8), new(names.Alerts, 1), new(names.DeadLetters, 1)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka-protocol broker with {Brokers} broker(s) listening on {BootstrapServers}; topics {Topics}")]
    private static partial void Listening(ILogger logger, int brokers, string bootstrapServers, IEnumerable<TopicSpec> topics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the Kafka-protocol broker")]
    private static partial void Stopping(ILogger logger);

    /// <summary>A topic to create; Kafka topic names cannot contain ':', so the last one separates the partition count.</summary>
    internal readonly record struct TopicSpec(string Name, int Partitions)
    {
        public static TopicSpec Parse(string spec) =>
            TryParse(spec, out var parsed) ? parsed : throw new FormatException($"'{spec}' is not NAME[:PARTITIONS].");

        public static bool TryParse(string spec, out TopicSpec parsed)
        {
            var colon = spec.LastIndexOf(':');
            var name = colon < 0 ? spec : spec[..colon];
            var partitions = 1;
            parsed = default;
            if (string.IsNullOrWhiteSpace(name)
                || (colon >= 0 && (!int.TryParse(spec[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions < 1)))
            {
                return false;
            }

            parsed = new TopicSpec(name, partitions);
            return true;
        }

        public override string ToString() => $"{Name}:{Partitions}";
    }
}
