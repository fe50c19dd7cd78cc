using System.Threading.Channels;

namespace Aird.Stream.Recognizer;

/// <summary>
/// Collects items submitted from many callers into batches of at most <c>maxBatchSize</c>, waiting at most
/// <c>maxWait</c> after a batch's first item for more, and runs one batch at a time. Each caller gets its own
/// items' results, or the exception of their batch. Items submitted together stay together in one batch as far as
/// the maximum size allows.
/// </summary>
internal sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Result)> _pending =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    // Held while a group of items is written and while a batch takes what is queued: a batch never ends half-way
    // through a group merely because the runner woke up while it was being written.
    private readonly Lock _gate = new();
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxWait;
    private readonly Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> _run;
    private readonly Action<int> _ran;
    private readonly TimeProvider _time;
    private readonly Task _runner;

    /// <param name="run">Computes one result per item, in order; called on a pool thread, one batch at a time.</param>
    /// <param name="ran">Told the size of every batch that ran.</param>
    public MicroBatcher(int maxBatchSize, TimeSpan maxWait, Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run, Action<int> ran, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(ran);
        ArgumentNullException.ThrowIfNull(time);
        _maxBatchSize = maxBatchSize;
        _maxWait = maxWait;
        _run = run;
        _ran = ran;
        _time = time;
        _runner = Task.Run(RunAsync);
    }

    /// <summary>The result for <paramref name="item"/> once its batch ran.</summary>
    /// <remarks>Cancelling stops the wait, not the item: a batch it already joined still runs it.</remarks>
    /// <exception cref="ObjectDisposedException">The batcher was disposed.</exception>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken) =>
        Enqueue([item])[0].WaitAsync(cancellationToken);

    /// <summary>The results for <paramref name="items"/>, in order, once the batches they joined ran.</summary>
    /// <remarks>Cancelling stops the wait, not the items.</remarks>
    /// <exception cref="ObjectDisposedException">The batcher was disposed.</exception>
    public Task<TResult[]> SubmitAllAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Task.WhenAll(Enqueue(items)).WaitAsync(cancellationToken);
    }

    private Task<TResult>[] Enqueue(IReadOnlyList<TItem> items)
    {
        var results = items.Select(_ => new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (!_pending.Writer.TryWrite((items[i], results[i])))
                {
                    // Only the first write can fail: completion takes the same lock.
                    throw new ObjectDisposedException(nameof(MicroBatcher<TItem, TResult>), "The micro-batcher no longer takes items.");
                }
            }
        }

        return [.. results.Select(r => r.Task)];
    }

    /// <summary>Stops taking items and waits until every item already submitted has run.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _pending.Writer.TryComplete();
        }

        await _runner;
    }

    private async Task RunAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Result)>(_maxBatchSize);
        while (await reader.WaitToReadAsync())
        {
            var deadline = _time.GetTimestamp() + (long)(_maxWait.TotalSeconds * _time.TimestampFrequency);
            while (batch.Count < _maxBatchSize)
            {
                if (TakeQueued(reader, batch))
                {
                    continue;
                }

                var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
                if (batch.Count > 0 && left <= TimeSpan.Zero)
                {
                    break;
                }

                if (!await WaitForMoreAsync(reader, left))
                {
                    break;
                }
            }

            Run(batch);
            batch.Clear();
        }
    }

    /// <summary>Moves queued items into <paramref name="batch"/> up to the maximum size; false when none was queued.</summary>
    private bool TakeQueued(ChannelReader<(TItem, TaskCompletionSource<TResult>)> reader, List<(TItem Item, TaskCompletionSource<TResult> Result)> batch)
    {
        var before = batch.Count;
        lock (_gate)
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var next))
            {
                batch.Add(next);
            }
        }

        return batch.Count > before;
    }

    /// <summary>True when an item arrived within <paramref name="left"/>; false at the deadline or when completed.</summary>
    private async Task<bool> WaitForMoreAsync(ChannelReader<(TItem, TaskCompletionSource<TResult>)> reader, TimeSpan left)
    {
        using var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Run(List<(TItem Item, TaskCompletionSource<TResult> Result)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        IReadOnlyList<TResult> results;
        try
        {
            results = _run([.. batch.Select(b => b.Item)]);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} items gave {results.Count} results.");
            }
        }
#pragma warning disable CA1031 // Whatever the batch threw belongs to its callers; the batcher goes on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch.ForEach(b => b.Result.TrySetException(e));
            return;
        }

        _ran(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Result.TrySetResult(results[i]);
        }
    }
}
