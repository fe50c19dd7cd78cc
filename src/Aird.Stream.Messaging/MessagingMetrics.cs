using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Aird.Stream.Messaging;

/// <summary>Counters and the consumer-lag gauge of the messaging layer, on meter <see cref="MeterName"/>.</summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "Aird.Stream.Messaging";

    private readonly Counter<long> produced;
    private readonly Counter<long> deliveryFailed;
    private readonly Counter<long> consumed;
    private readonly Counter<long> handlerFailed;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> batchFailed;
    private readonly ConcurrentDictionary<ConsumerLag, byte> lagSources = new();

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        produced = meter.CreateCounter<long>("aird.messaging.produced", "{message}", "Messages Kafka acknowledged.");
        deliveryFailed = meter.CreateCounter<long>(
            "aird.messaging.delivery_failed", "{message}", "Messages Kafka did not acknowledge in time or refused.");
        consumed = meter.CreateCounter<long>("aird.messaging.consumed", "{message}", "Messages read by consumer loops.");
        handlerFailed = meter.CreateCounter<long>(
            "aird.messaging.failed", "{attempt}", "Handler attempts that threw; each retry counts again.");
        deadLettered = meter.CreateCounter<long>(
            "aird.messaging.dead_lettered", "{message}", "Messages sent to the dead-letter topic.");
        batchFailed = meter.CreateCounter<long>(
            "aird.messaging.batch_failed", "{batch}", "Batches whose handler threw and that were handled again one message at a time.");
        meter.CreateObservableGauge(
            "aird.messaging.consumer.lag", ObserveLag, "{message}", "High watermark minus position per assigned partition.");
    }

    internal void Produced(string topic) => produced.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void DeliveryFailed(string topic) => deliveryFailed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void Consumed(string topic) => consumed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void HandlerFailed(string topic) => handlerFailed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void DeadLettered(string topic, string cause) =>
        deadLettered.Add(1, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("cause", cause));

    internal void BatchFailed(string topic) => batchFailed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    /// <summary>Reports <paramref name="lag"/> through the gauge until the returned registration is disposed.</summary>
    internal IDisposable Track(ConsumerLag lag)
    {
        lagSources.TryAdd(lag, 0);
        return new Registration(() => lagSources.TryRemove(lag, out _));
    }

    private IEnumerable<Measurement<long>> ObserveLag() => lagSources.Keys.SelectMany(source => source.Measurements());

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
