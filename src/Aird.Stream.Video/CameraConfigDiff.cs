namespace Aird.Stream.Video;

/// <summary>What a new camera list changes against the running cameras. Disabled cameras count as absent.</summary>
internal sealed record CameraConfigDiff(IReadOnlyList<CameraOptions> Added, IReadOnlyList<string> Removed, IReadOnlyList<CameraOptions> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static CameraConfigDiff Compute(IReadOnlyDictionary<string, CameraOptions> running, IEnumerable<CameraOptions> desired)
    {
        var wanted = desired.Where(c => c.Enabled).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var added = wanted.Values.Where(c => !running.ContainsKey(c.Id)).ToList();
        var removed = running.Keys.Where(id => !wanted.ContainsKey(id)).ToList();
        var changed = wanted.Values.Where(c => running.TryGetValue(c.Id, out var current) && current != c).ToList();
        return new CameraConfigDiff(added, removed, changed);
    }
}
