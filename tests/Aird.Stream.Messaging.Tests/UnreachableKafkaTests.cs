using System.Diagnostics;
using Aird.Stream.Messaging.Tests.Brokers;
using Aird.Stream.Messaging.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging.Tests;

/// <summary>A wrong broker address surfaces as a clear error within the configured time, never as a silent hang.</summary>
public sealed class UnreachableKafkaTests
{
    private static readonly TimeSpan Configured = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_consumer_loop_fails_within_its_startup_timeout_naming_the_address_and_the_cause()
    {
        var broker = new UnreachableBroker();
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var clock = Stopwatch.StartNew();

        var run = harness.CreateLoop().RunAsync(
            new KafkaSubscription("aird.faces.crops", "recognizer"),
            (_, _) => ValueTask.CompletedTask,
            TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<KafkaUnavailableException>(() => run.WaitAsync(Configured + Slack, TestContext.Current.CancellationToken));

        Assert.InRange(clock.Elapsed, Configured, Configured + Slack);
        Assert.Contains(broker.BootstrapServers, error.Message, StringComparison.Ordinal);
        Assert.Contains("aird.faces.crops", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("Connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Producing_fails_within_the_message_timeout_naming_the_address_and_the_cause()
    {
        var broker = new UnreachableBroker();
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KafkaUnavailableException>(
            () => harness.Crops.ProduceAsync("aird.faces.crops", "cam-1", Crops.Create("cam-1", 0), TestContext.Current.CancellationToken)
                .WaitAsync(Configured + Slack, TestContext.Current.CancellationToken));

        Assert.InRange(clock.Elapsed, Configured - TimeSpan.FromMilliseconds(100), Configured + Slack);
        Assert.Contains(broker.BootstrapServers, error.Message, StringComparison.Ordinal);
        Assert.Contains("2000 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_message_that_cannot_be_delivered_is_logged_and_counted()
    {
        var broker = new UnreachableBroker();
        await using var harness = await MessagingHarness.CreateAsync(broker);
        using var metrics = new MetricsRecorder("aird.faces.crops");

        harness.Crops.Produce("aird.faces.crops", "cam-1", Crops.Create("cam-1", 0));

        await Eventually.HoldsAsync(
            () => metrics.Sum("aird.messaging.delivery_failed") == 1,
            Configured + Slack,
            "the failed delivery was counted");
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Error
            && e.Text.Contains("aird.faces.crops", StringComparison.Ordinal)
            && e.Text.Contains(broker.BootstrapServers, StringComparison.Ordinal));
        Assert.Equal(0, metrics.Sum("aird.messaging.produced"));
    }
}
