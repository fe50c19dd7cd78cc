using System.Collections.Concurrent;

namespace Aird.Stream.Video;

/// <summary>Health of every camera the fleet runs, for health checks, the API and metrics. Thread-safe.</summary>
public sealed class CameraHealthRegistry
{
    private readonly ConcurrentDictionary<string, CameraHealthTracker> trackers = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider time;

    public CameraHealthRegistry()
        : this(TimeProvider.System)
    {
    }

    internal CameraHealthRegistry(TimeProvider time) => this.time = time;

    /// <summary>All cameras, ordered by id.</summary>
    public IReadOnlyList<CameraHealth> Snapshot() =>
        [.. trackers.Values.Select(t => t.Snapshot()).OrderBy(h => h.CameraId, StringComparer.Ordinal)];

    /// <summary>One camera, or null when the fleet does not run it.</summary>
    public CameraHealth? Get(string cameraId) => trackers.TryGetValue(cameraId, out var tracker) ? tracker.Snapshot() : null;

    /// <summary>A fresh tracker for a camera being (re)started, replacing any earlier one.</summary>
    internal CameraHealthTracker Track(string cameraId)
    {
        var tracker = new CameraHealthTracker(cameraId, time);
        trackers[cameraId] = tracker;
        return tracker;
    }

    /// <summary>Forgets the camera unless a newer tracker already replaced <paramref name="tracker"/>.</summary>
    internal void Forget(CameraHealthTracker tracker) =>
        trackers.TryRemove(new KeyValuePair<string, CameraHealthTracker>(tracker.CameraId, tracker));

    internal void Dropped(string cameraId)
    {
        if (trackers.TryGetValue(cameraId, out var tracker))
        {
            tracker.Dropped();
        }
    }
}
