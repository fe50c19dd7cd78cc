using Aird.Stream.Contracts;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Messaging;

/// <summary>
/// Publishes contract messages of type <typeparamref name="T"/>, keyed by camera id so that a camera's messages stay
/// in order on one partition. Idempotent with <c>acks=all</c>: a retried batch is never written twice.
/// Disposing flushes what is still queued.
/// </summary>
public sealed class KafkaProducer<T> : IDisposable
    where T : IVersionedMessage
{
    private readonly IProducer<string, byte[]> producer;
    private readonly KafkaOptions options;
    private readonly MessagingMetrics metrics;
    private readonly ILogger logger;
    private readonly ClientDiagnostics diagnostics;

    public KafkaProducer(IOptions<KafkaOptions> options, MessagingMetrics metrics, ILogger<KafkaProducer<T>> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.metrics = metrics;
        this.logger = logger;
        diagnostics = new ClientDiagnostics(logger, $"{this.options.ClientId} producer");
        producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigs.Producer(this.options))
            .SetErrorHandler(diagnostics.OnError)
            .SetLogHandler(diagnostics.OnLog)
            .Build();
    }

    /// <summary>Publishes <paramref name="message"/> and waits until Kafka acknowledged it.</summary>
    /// <remarks>Cancelling stops the wait, not the delivery: the message may still be written.</remarks>
    /// <exception cref="KafkaUnavailableException">Not acknowledged within <see cref="KafkaOptions.MessageTimeoutMs"/>.</exception>
    /// <exception cref="ProduceException{TKey, TValue}">Kafka refused the message (e.g. too large).</exception>
    public async Task<TopicPartitionOffset> ProduceAsync(string topic, string key, T message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await producer.ProduceAsync(topic, ToKafka(key, message), cancellationToken);
            metrics.Produced(topic);
            return result.TopicPartitionOffset;
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_MsgTimedOut)
        {
            metrics.DeliveryFailed(topic);
            throw new KafkaUnavailableException($"Message to '{topic}' {Describe(e.Error)}", e);
        }
        catch (ProduceException<string, byte[]>)
        {
            metrics.DeliveryFailed(topic);
            throw;
        }
    }

    /// <summary>
    /// Queues <paramref name="message"/> without waiting, for callers that must not block (e.g. a camera's frame loop).
    /// A message Kafka does not acknowledge is logged and counted as <c>aird.messaging.delivery_failed</c>.
    /// </summary>
    /// <exception cref="ProduceException{TKey, TValue}">The client's local queue is full (Kafka unreachable for long).</exception>
    public void Produce(string topic, string key, T message) =>
        producer.Produce(topic, ToKafka(key, message), report =>
        {
            if (report.Error.IsError)
            {
                // Log before counting: whoever watches the counter finds the log line already written.
                MessagingLog.DeliveryFailed(logger, topic, Describe(report.Error));
                metrics.DeliveryFailed(topic);
            }
            else
            {
                metrics.Produced(topic);
            }
        });

    /// <summary>Waits for queued messages (at most <see cref="KafkaOptions.MessageTimeoutMs"/>), then closes the client.</summary>
    public void Dispose()
    {
        var undelivered = producer.Flush(TimeSpan.FromMilliseconds(options.MessageTimeoutMs));
        if (undelivered > 0)
        {
            MessagingLog.Undelivered(logger, undelivered);
        }

        producer.Dispose();
    }

    private static Message<string, byte[]> ToKafka(string key, T message) =>
        new() { Key = key, Value = ContractCodec.Serialize(message) };

    private string Describe(Error error) =>
        error.Code == ErrorCode.Local_MsgTimedOut
            ? $"not acknowledged within {options.MessageTimeoutMs} ms by Kafka at '{options.BootstrapServers}' ({diagnostics.LastErrorOr(error.Reason)})"
            : error.Reason;
}
