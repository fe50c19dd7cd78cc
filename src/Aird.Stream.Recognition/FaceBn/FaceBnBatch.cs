namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// One run of the FaceBN student over a batch that may mix cameras: the per-sample <c>bn{l}.scale</c> and
/// <c>bn{l}.shift</c> inputs before the run, the per-camera state updates after it.
/// </summary>
/// <remarks>
/// Every sample is normalised with its camera's state as it was before this batch, and each camera's state is
/// updated once from all of its samples in the batch, so a mixed batch gives the same inputs and the same updates
/// as running each camera's samples as a batch of its own (the ONNX graph treats samples independently).
/// </remarks>
public sealed class FaceBnBatch
{
    private readonly FaceBnModel _model;
    private readonly MomentumSchedule _momentum;
    private readonly IReadOnlyList<(FaceBnState State, int[] Samples)> _cameras;
    private bool _applied;

    private FaceBnBatch(
        FaceBnModel model,
        MomentumSchedule momentum,
        int sampleCount,
        IReadOnlyList<(FaceBnState State, int[] Samples)> cameras,
        float[][] scales,
        float[][] shifts)
    {
        _model = model;
        _momentum = momentum;
        _cameras = cameras;
        SampleCount = sampleCount;
        Scales = scales;
        Shifts = shifts;
    }

    public int SampleCount { get; }

    /// <summary>Per layer l the <c>bn{l}.scale</c> input, [SampleCount, C_l] row-major.</summary>
    public IReadOnlyList<float[]> Scales { get; }

    /// <summary>Per layer l the <c>bn{l}.shift</c> input, [SampleCount, C_l] row-major.</summary>
    public IReadOnlyList<float[]> Shifts { get; }

    /// <summary>Plans a batch whose sample i comes from the camera of <paramref name="sampleStates"/>[i].</summary>
    public static FaceBnBatch Plan(IReadOnlyList<FaceBnState> sampleStates, MomentumSchedule momentum)
    {
        ArgumentNullException.ThrowIfNull(sampleStates);
        ArgumentNullException.ThrowIfNull(momentum);
        if (sampleStates.Count == 0)
        {
            throw new ArgumentException("A batch has at least one sample.", nameof(sampleStates));
        }

        var model = sampleStates[0]?.Model ?? throw new ArgumentException("Sample 0 has no state.", nameof(sampleStates));
        var cameras = new Dictionary<FaceBnState, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < sampleStates.Count; i++)
        {
            var state = sampleStates[i] ?? throw new ArgumentException($"Sample {i} has no state.", nameof(sampleStates));

            // One session runs one set of weights: a state of another model would normalise with wrong statistics.
            if (!ReferenceEquals(state.Model, model))
            {
                throw new ArgumentException(
                    $"Sample {i} (camera '{state.CameraId}') has a state of model '{state.Model.Version}', " +
                    $"the batch runs model '{model.Version}'.",
                    nameof(sampleStates));
            }

            if (!cameras.TryGetValue(state, out var samples))
            {
                samples = [];
                cameras.Add(state, samples);
            }

            samples.Add(i);
        }

        var n = sampleStates.Count;
        var scales = new float[model.Layers.Count][];
        var shifts = new float[model.Layers.Count][];
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var channels = model.Layers[l].Channels;
            scales[l] = new float[n * channels];
            shifts[l] = new float[n * channels];

            // Folded once per camera and copied to its rows: folding is the costly part for wide layers.
            foreach (var (state, samples) in cameras)
            {
                var scale = scales[l].AsSpan(samples[0] * channels, channels);
                var shift = shifts[l].AsSpan(samples[0] * channels, channels);
                state.FoldInto(l, scale, shift);
                foreach (var i in samples.Skip(1))
                {
                    scale.CopyTo(scales[l].AsSpan(i * channels, channels));
                    shift.CopyTo(shifts[l].AsSpan(i * channels, channels));
                }
            }
        }

        var groups = cameras.Select(c => (c.Key, c.Value.ToArray())).ToArray();
        return new FaceBnBatch(model, momentum, n, groups, scales, shifts);
    }

    /// <summary>
    /// Updates each camera of the batch once from the run's <c>bn{l}.mean</c> and <c>bn{l}.sqmean</c> outputs
    /// ([SampleCount, C_l] row-major per layer). All outputs are checked first: on bad input no camera changes.
    /// </summary>
    public void ApplyMoments(IReadOnlyList<ReadOnlyMemory<float>> means, IReadOnlyList<ReadOnlyMemory<float>> sqMeans)
    {
        if (_applied)
        {
            throw new InvalidOperationException("The moments of this batch were already applied; a batch updates its cameras once.");
        }

        SampleMoments.Validate(_model, SampleCount, means, sqMeans);
        foreach (var (state, samples) in _cameras)
        {
            var (batchMean, batchSqMean) = SampleMoments.Average(_model, means, sqMeans, samples);
            state.Apply(_momentum, samples.Length, batchMean, batchSqMean);
        }

        _applied = true;
    }
}
