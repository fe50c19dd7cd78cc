using System.Diagnostics;
using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// Times one embedder on batches of chips. Several measurements can take turns (<see cref="RunFor"/> in rounds)
/// so that models compared in one run share the same machine conditions.
/// </summary>
internal sealed class EmbedMeasurement(FaceEmbedder embedder, IReadOnlyList<ReadOnlyMemory<byte>> chips, int batch)
{
    /// <summary>Fewer timed batches than this make a 95th percentile meaningless.</summary>
    public const int MinBatches = 5;

    // The first runs allocate buffers and (on CUDA) pick kernels; they are not what a running service sees.
    private const int WarmUpBatches = 3;

    private readonly List<double> _latenciesMs = [];
    private int _next;

    public TimeSpan Measured { get; private set; }

    public void WarmUp(CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpBatches; i++)
        {
            embedder.Embed(NextBatch(), cancellationToken);
        }
    }

    /// <summary>Times batches until <paramref name="duration"/> more of measured time and at least
    /// <paramref name="minBatches"/> batches in all; reports the total measured time after each batch.</summary>
    public void RunFor(TimeSpan duration, int minBatches, Action<TimeSpan> progress, CancellationToken cancellationToken)
    {
        var end = Measured + duration;
        while (Measured < end || _latenciesMs.Count < minBatches)
        {
            var input = NextBatch();
            var start = Stopwatch.GetTimestamp();
            embedder.Embed(input, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            Measured += elapsed;
            _latenciesMs.Add(elapsed.TotalMilliseconds);
            progress(elapsed);
        }
    }

    /// <summary>The figures so far; latencies are of whole <see cref="FaceEmbedder.Embed"/> calls.</summary>
    public EmbedBenchRow Result()
    {
        var summary = LatencySummary.From(_latenciesMs);
        var faces = _latenciesMs.Count * batch;
        return new EmbedBenchRow(
            embedder.Model.Name,
            embedder.Provider,
            batch,
            _latenciesMs.Count,
            Measured.TotalSeconds,
            faces / Measured.TotalSeconds,
            summary.P50Ms,
            summary.P95Ms,
            Measured.TotalMilliseconds / faces);
    }

    private List<ReadOnlyMemory<byte>> NextBatch()
    {
        var list = new List<ReadOnlyMemory<byte>>(batch);
        for (var i = 0; i < batch; i++, _next++)
        {
            list.Add(chips[_next % chips.Count]);
        }

        return list;
    }
}
