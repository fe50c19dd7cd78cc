namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// One camera's running BatchNorm statistics for one model version: what FaceBN normalises that camera's faces with.
/// </summary>
/// <remarks>
/// Statistics are kept in double: the update subtracts squared means, and a float state would drift over the
/// millions of small updates a camera sees. Not thread-safe: a camera's batches are applied one after another.
/// <para>
/// Estimator. A batch of a camera's n faces gives per channel b = mean of the samples' spatial means and
/// q = mean of their spatial mean squares; every sample of a layer has the same H x W, so these are the first two
/// moments over all n x H x W positions, and v = q - b^2 (clamped at 0 against rounding) is their population
/// variance, the one BatchNorm normalises with in training. Its bias factor (M - 1) / M, M = n x H x W, is not
/// corrected: H x W is not known here, and the state pools many batches (below), so the bias shrinks with the
/// total number of positions seen rather than staying at the level of one batch.
/// </para>
/// <para>
/// Update with momentum m:  mu' = (1 - m) mu + m b,  var' = (1 - m) var + m v + m (1 - m) (mu - b)^2.
/// The last term is the between-batch part of the variance: with it the state is the exact mixture of the old
/// statistics (weight 1 - m) and the batch (weight m), so with the cumulative momentum of
/// <see cref="MomentumSchedule"/> it equals the pooled statistics of every face seen, however they were batched.
/// Without it a camera whose batches hold one face each would only ever learn the spatial variance within a face
/// and never the variance between faces, leaving var biased low.
/// </para>
/// </remarks>
public sealed class FaceBnState
{
    private readonly double[][] _mean;
    private readonly double[][] _variance;

    internal FaceBnState(string cameraId, FaceBnModel model, long facesSeen, double[][] mean, double[][] variance)
    {
        CameraId = cameraId;
        Model = model;
        FacesSeen = facesSeen;
        _mean = mean;
        _variance = variance;
    }

    public string CameraId { get; }

    public FaceBnModel Model { get; }

    public long FacesSeen { get; private set; }

    /// <summary>A camera that has seen no face yet: it normalises exactly like the plain (training-statistics) student.</summary>
    public static FaceBnState FromTraining(string cameraId, FaceBnModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentNullException.ThrowIfNull(model);
        var mean = model.Layers.Select(l => l.RunningMean.Select(v => (double)v).ToArray()).ToArray();
        var variance = model.Layers.Select(l => l.RunningVariance.Select(v => (double)v).ToArray()).ToArray();
        return new FaceBnState(cameraId, model, 0, mean, variance);
    }

    /// <summary>Reads a state written by <see cref="ToBytes"/>; throws <see cref="FaceBnStateFormatException"/> if it does not fit <paramref name="model"/>.</summary>
    public static FaceBnState FromBytes(string cameraId, FaceBnModel model, ReadOnlySpan<byte> blob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentNullException.ThrowIfNull(model);
        return FaceBnStateFormat.Read(cameraId, model, blob);
    }

    public byte[] ToBytes() => FaceBnStateFormat.Write(this);

    public ReadOnlySpan<double> RunningMean(int layer) => _mean[layer];

    public ReadOnlySpan<double> RunningVariance(int layer) => _variance[layer];

    /// <summary>The layer as y = x * scale + shift: the camera's statistics folded with the frozen gamma and beta.</summary>
    public (float[] Scale, float[] Shift) Fold(int layer)
    {
        var channels = Model.Layers[layer].Channels;
        var scale = new float[channels];
        var shift = new float[channels];
        FoldInto(layer, scale, shift);
        return (scale, shift);
    }

    /// <summary>Applies one batch of this camera's samples; the arrays are [sampleCount, C_l] row-major per layer.</summary>
    public void Update(
        MomentumSchedule momentum,
        int sampleCount,
        IReadOnlyList<ReadOnlyMemory<float>> means,
        IReadOnlyList<ReadOnlyMemory<float>> sqMeans)
    {
        ArgumentNullException.ThrowIfNull(momentum);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        SampleMoments.Validate(Model, sampleCount, means, sqMeans);
        var (batchMean, batchSqMean) = SampleMoments.Average(Model, means, sqMeans, Enumerable.Range(0, sampleCount).ToArray());
        Apply(momentum, sampleCount, batchMean, batchSqMean);
    }

    internal void FoldInto(int layer, Span<float> scale, Span<float> shift)
    {
        var bn = Model.Layers[layer];
        var mean = _mean[layer];
        var variance = _variance[layer];
        for (var c = 0; c < bn.Channels; c++)
        {
            var s = bn.Gamma[c] / Math.Sqrt(variance[c] + bn.Epsilon);
            scale[c] = (float)s;
            shift[c] = (float)(bn.Beta[c] - (mean[c] * s));
        }
    }

    internal void Apply(MomentumSchedule momentum, int faces, double[][] batchMean, double[][] batchSqMean)
    {
        var m = momentum.For(FacesSeen, faces);
        for (var l = 0; l < _mean.Length; l++)
        {
            var mean = _mean[l];
            var variance = _variance[l];
            for (var c = 0; c < mean.Length; c++)
            {
                var b = batchMean[l][c];
                var v = Math.Max(0, batchSqMean[l][c] - (b * b));
                var d = mean[c] - b;
                mean[c] = ((1 - m) * mean[c]) + (m * b);
                variance[c] = Math.Max(0, ((1 - m) * variance[c]) + (m * v) + (m * (1 - m) * d * d));
            }
        }

        FacesSeen += faces;
    }
}
