using System.Data.Common;
using Aird.Stream.Recognition.FaceBn;
using Aird.Stream.Storage;
using Aird.Stream.Storage.FaceBn;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Recognizer;

/// <summary>
/// The FaceBN state of every camera this process owns now: loaded from PostgreSQL on a camera's first crop, saved
/// after <see cref="RecognizerOptions.SaveEveryFaces"/> faces or <see cref="RecognizerOptions.SaveEveryMs"/>, and
/// saved and forgotten when the camera's partition goes to another member.
/// </summary>
/// <remarks>
/// A camera is keyed to one partition, and a partition's crops are handled batch after batch by the one consumer loop
/// that owns it, whose partitions are revoked only between its batches; so a camera is never released while a crop of
/// it is in a batch. The lock keeps the batch thread's updates apart from the snapshots that saves take.
/// </remarks>
internal sealed class CameraStates(
    FaceBnModel model,
    MomentumSchedule momentum,
    FaceBnStateStore store,
    RecognizerOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Camera> _cameras = new(StringComparer.Ordinal);

    /// <summary>Makes sure the camera's state is here, loading it (or starting from training) on its first crop.</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task EnsureAsync(string cameraId, int partition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cameras.ContainsKey(cameraId))
            {
                return;
            }
        }

        var state = await LoadAsync(cameraId, cancellationToken);
        lock (_gate)
        {
            _cameras.TryAdd(cameraId, new Camera(state, partition, state.FacesSeen, time.GetTimestamp()));
        }
    }

    /// <summary>Plans a batch whose sample i comes from camera <paramref name="cameraIds"/>[i]; all must be loaded.</summary>
    public CameraBatchPlan Plan(IReadOnlyList<string> cameraIds)
    {
        lock (_gate)
        {
            var states = cameraIds.Select(id => _cameras.TryGetValue(id, out var camera)
                ? camera.State
                : throw new InvalidOperationException($"Camera '{id}' has no FaceBN state here: it must be loaded before its crops are batched.")).ToList();
            return new CameraBatchPlan(FaceBnBatch.Plan(states, momentum), [.. states.Select(s => s.FacesSeen > 0)]);
        }
    }

    public void Apply(CameraBatchPlan plan, IReadOnlyList<float[]> means, IReadOnlyList<float[]> squareMeans)
    {
        lock (_gate)
        {
            plan.Batch.ApplyMoments([.. means.Select(m => (ReadOnlyMemory<float>)m)], [.. squareMeans.Select(m => (ReadOnlyMemory<float>)m)]);
        }
    }

    /// <summary>Saves the cameras that saw enough faces, or waited long enough, since their last save.</summary>
    public Task SaveDueAsync(CancellationToken cancellationToken) =>
        SaveAsync(Snapshot(c => c.IsDue(options, time), release: false), cancellationToken);

    /// <summary>Saves and forgets the cameras of partitions this process no longer owns.</summary>
    public Task ReleaseAsync(IReadOnlyCollection<int> partitions) =>
        SaveAsync(Snapshot(c => partitions.Contains(c.Partition), release: true), CancellationToken.None);

    /// <summary>Saves every camera with unsaved faces (at shutdown).</summary>
    public Task SaveAllAsync() => SaveAsync(Snapshot(c => c.Unsaved > 0, release: false), CancellationToken.None);

    private async Task<FaceBnState> LoadAsync(string cameraId, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(cameraId, model.Version, cancellationToken);
        if (stored is null)
        {
            RecognizerLog.StateStarted(logger, cameraId, model.Version);
            return FaceBnState.FromTraining(cameraId, model);
        }

        try
        {
            var state = FaceBnState.FromBytes(cameraId, model, stored.State.Span);
            RecognizerLog.StateLoaded(logger, cameraId, model.Version, state.FacesSeen);
            return state;
        }
        catch (FaceBnStateFormatException e)
        {
            // Removed, not kept: a damaged row that claims more faces would refuse every later save of this camera.
            RecognizerLog.StateDiscarded(logger, cameraId, model.Version, e.Message);
            await store.DeleteAsync(cameraId, model.Version, cancellationToken);
            return FaceBnState.FromTraining(cameraId, model);
        }
    }

    private List<StoredFaceBnState> Snapshot(Func<Camera, bool> select, bool release)
    {
        lock (_gate)
        {
            var chosen = _cameras.Where(c => select(c.Value)).ToList();
            if (release)
            {
                chosen.ForEach(c => _cameras.Remove(c.Key));
            }

            return [.. chosen
                .Where(c => c.Value.Unsaved > 0)
                .Select(c => new StoredFaceBnState(c.Key, model.Version, c.Value.State.ToBytes(), c.Value.State.FacesSeen))];
        }
    }

    private async Task SaveAsync(List<StoredFaceBnState> snapshots, CancellationToken cancellationToken)
    {
        foreach (var snapshot in snapshots)
        {
            try
            {
                var written = await store.SaveAsync(snapshot, cancellationToken);
                MarkSaved(snapshot);
                RecognizerLog.StateSaved(logger, snapshot.CameraId, snapshot.ModelVersion, snapshot.FacesSeen, written);
            }
            catch (Exception e) when (e is DatabaseUnavailableException or DbException)
            {
                // Kept unsaved: the next periodic save tries again, and a later owner resumes from the last good one.
                RecognizerLog.StateSaveFailed(logger, e, snapshot.CameraId, snapshot.ModelVersion);
            }
        }
    }

    private void MarkSaved(StoredFaceBnState snapshot)
    {
        lock (_gate)
        {
            if (_cameras.TryGetValue(snapshot.CameraId, out var camera))
            {
                camera.SavedFaces = snapshot.FacesSeen;
                camera.SavedAt = time.GetTimestamp();
            }
        }
    }

    private sealed class Camera(FaceBnState state, int partition, long savedFaces, long savedAt)
    {
        public FaceBnState State { get; } = state;

        public int Partition { get; } = partition;

        public long SavedFaces { get; set; } = savedFaces;

        public long SavedAt { get; set; } = savedAt;

        public long Unsaved => State.FacesSeen - SavedFaces;

        public bool IsDue(RecognizerOptions options, TimeProvider time) =>
            Unsaved >= options.SaveEveryFaces
            || (Unsaved > 0 && time.GetElapsedTime(SavedAt).TotalMilliseconds >= options.SaveEveryMs);
    }
}
