using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// One simulated camera's FaceBN state driven through the FaceBN graph in micro-batches, as the recognizer drives a
/// real camera: each batch is normalised with the state before it and, when adapting, updates the state after it.
/// </summary>
public sealed class FaceBnCamera
{
    /// <summary>Faces per run: a recognizer's micro-batch for one camera is small.</summary>
    public const int BatchSize = 16;

    private readonly FaceBnSession _session;
    private readonly FaceBnState _state;
    private readonly MomentumSchedule _momentum;

    private FaceBnCamera(FaceBnSession session, FaceBnState state, MomentumSchedule momentum)
    {
        _session = session;
        _state = state;
        _momentum = momentum;
    }

    public long FacesSeen => _state.FacesSeen;

    /// <summary>A camera that starts from the training statistics.</summary>
    public static FaceBnCamera Start(FaceBnSession session, string camera, MomentumSchedule momentum)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new FaceBnCamera(session, FaceBnState.FromTraining(camera, session.Model), momentum);
    }

    /// <summary>An independent copy of this camera's state, e.g. to embed with the state as it is now while this one goes on.</summary>
    public FaceBnCamera Snapshot() =>
        new(_session, FaceBnState.FromBytes(_state.CameraId, _state.Model, _state.ToBytes()), _momentum);

    public float[][] Embed(IReadOnlyList<ReadOnlyMemory<byte>> chips, bool adapt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chips);
        var result = new float[chips.Count][];
        for (var start = 0; start < chips.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = chips.Skip(start).Take(BatchSize).ToList();
            var plan = FaceBnBatch.Plan(Enumerable.Repeat(_state, batch.Count).ToList(), _momentum);
            var output = _session.Run(batch, [.. plan.Scales], [.. plan.Shifts]);
            if (adapt)
            {
                plan.ApplyMoments(
                    output.Means.Select(m => (ReadOnlyMemory<float>)m).ToList(),
                    output.SquareMeans.Select(m => (ReadOnlyMemory<float>)m).ToList());
            }

            output.Embeddings.CopyTo(result, start);
        }

        return result;
    }
}
