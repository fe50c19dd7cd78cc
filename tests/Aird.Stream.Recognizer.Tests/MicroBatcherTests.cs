using System.Collections.Concurrent;
using System.Diagnostics;

namespace Aird.Stream.Recognizer.Tests;

public sealed class MicroBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<int[]> _batches = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Items_submitted_together_share_one_batch_and_each_caller_gets_its_own_result()
    {
        await using var batcher = Create(maxBatchSize: 4, TimeSpan.FromSeconds(5));

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => batcher.SubmitAsync(i, Cancel))).WaitAsync(Patience, Cancel);

        Assert.Equal([10, 20, 30, 40], results);
        Assert.Equal([[1, 2, 3, 4]], _batches.ToArray());
    }

    [Fact]
    public async Task Batches_never_exceed_the_maximum_size()
    {
        await using var batcher = Create(maxBatchSize: 2, TimeSpan.FromMilliseconds(300));

        var results = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => batcher.SubmitAsync(i, Cancel))).WaitAsync(Patience, Cancel);

        Assert.Equal([10, 20, 30, 40, 50], results);
        Assert.Equal([[1, 2], [3, 4], [5]], _batches.ToArray());
    }

    [Fact]
    public async Task A_lone_item_waits_for_company_no_longer_than_the_maximum_wait()
    {
        await using var batcher = Create(maxBatchSize: 8, TimeSpan.FromMilliseconds(150));
        var stopwatch = Stopwatch.StartNew();

        Assert.Equal(70, await batcher.SubmitAsync(7, Cancel).WaitAsync(Patience, Cancel));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(140), TimeSpan.FromSeconds(3));
        Assert.Equal([[7]], _batches.ToArray());
    }

    [Fact]
    public async Task Items_submitted_as_a_group_run_together_without_waiting_and_split_only_at_the_maximum()
    {
        await using var batcher = Create(maxBatchSize: 4, TimeSpan.Zero);

        var whole = await batcher.SubmitAllAsync([1, 2, 3], Cancel).WaitAsync(Patience, Cancel);
        var split = await batcher.SubmitAllAsync([4, 5, 6, 7, 8, 9], Cancel).WaitAsync(Patience, Cancel);

        Assert.Equal([10, 20, 30], whole);
        Assert.Equal([40, 50, 60, 70, 80, 90], split);
        Assert.Equal([[1, 2, 3], [4, 5, 6, 7], [8, 9]], _batches.ToArray());
    }

    [Fact]
    public async Task A_failing_batch_fails_its_own_callers_and_the_next_batch_runs()
    {
        await using var batcher = Create(maxBatchSize: 2, TimeSpan.Zero, failOn: 13);

        var failing = batcher.SubmitAsync(13, Cancel);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience, Cancel));
        Assert.Equal("bad item 13", error.Message);

        Assert.Equal(50, await batcher.SubmitAsync(5, Cancel).WaitAsync(Patience, Cancel));
    }

    [Fact]
    public async Task Disposing_runs_what_was_submitted_and_refuses_more()
    {
        var batcher = Create(maxBatchSize: 8, TimeSpan.FromSeconds(30));
        var pending = batcher.SubmitAsync(3, Cancel);

        await batcher.DisposeAsync().AsTask().WaitAsync(Patience, Cancel);

        Assert.Equal(30, await pending);
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.SubmitAsync(4, Cancel); });
    }

    private MicroBatcher<int, int> Create(int maxBatchSize, TimeSpan maxWait, int? failOn = null) => new(
        maxBatchSize,
        maxWait,
        items =>
        {
            _batches.Enqueue([.. items]);
            return items.Contains(failOn ?? -1) ? throw new InvalidOperationException($"bad item {failOn}") : [.. items.Select(i => i * 10)];
        },
        _ => { },
        TimeProvider.System);
}
