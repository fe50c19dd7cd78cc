namespace Aird.Stream.Messaging;

/// <summary>
/// How <see cref="KafkaConsumerLoop{T}.RunBatchesAsync"/> collects a batch: it hands the batch over once it holds
/// <see cref="MaxMessages"/> messages, or <see cref="MaxWait"/> after its first message arrived, whichever comes first.
/// Set per call, from the role's own options, because the right size depends on what the handler does per batch.
/// </summary>
public sealed record ConsumerBatchLimits
{
    public ConsumerBatchLimits(int maxMessages, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        MaxMessages = maxMessages;
        MaxWait = maxWait;
    }

    /// <summary>What the one-message mode amounts to: every message a batch of its own.</summary>
    internal static ConsumerBatchLimits Single { get; } = new(1, TimeSpan.Zero);

    public int MaxMessages { get; }

    public TimeSpan MaxWait { get; }
}
