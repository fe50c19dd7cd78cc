using Aird.Stream.Video;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// Decides when a pipeline of cameras that end (files without looping) has finished: every camera stopped, the
/// ingest worker finished detecting (or failed, or the queue dropped) every frame they delivered, every crop was embedded or
/// dead-lettered, every embedding stored or dead-lettered, and then no count moved for <see cref="QuietPeriod"/>,
/// which covers a message between two counters. Pure: fed snapshots and the time.
/// </summary>
internal sealed class DrainDetector(TimeSpan quietPeriod, TimeSpan stallPeriod, string cropsTopic, string embeddingsTopic)
{
    private long _lastActivity = -1;
    private DateTimeOffset _quietSince;

    public TimeSpan QuietPeriod => quietPeriod;

    /// <summary>What is still missing in <paramref name="counts"/>, or null when the counts balance.</summary>
    public string? Outstanding(IReadOnlyList<CameraHealth> cameras, PipelineCounts counts)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(counts);
        if (cameras.Count == 0)
        {
            return "no camera has started";
        }

        foreach (var camera in cameras)
        {
            if (camera.State != CameraState.Stopped)
            {
                return $"camera '{camera.CameraId}' is {camera.State}";
            }

            // Detected, not merely started: the frames counter counts a frame before its detection, which takes seconds on a slow CPU.
            var processed = counts.FramesDetected.GetValueOrDefault(camera.CameraId) + counts.FramesFailed.GetValueOrDefault(camera.CameraId);
            if (processed + camera.FramesDropped < camera.FramesTotal)
            {
                return $"camera '{camera.CameraId}': {camera.FramesTotal - camera.FramesDropped - processed} frame(s) not yet processed";
            }
        }

        var cropsOpen = counts.TotalCrops - counts.Embedded - counts.Rejected - counts.DeadLetteredFrom(cropsTopic);
        if (cropsOpen > 0)
        {
            return $"{cropsOpen} crop(s) not yet embedded";
        }

        var embeddingsOpen = counts.Embedded - counts.Sightings - counts.DeadLetteredFrom(embeddingsTopic);
        return embeddingsOpen > 0 ? $"{embeddingsOpen} embedding(s) not yet stored" : null;
    }

    public DrainState Observe(IReadOnlyList<CameraHealth> cameras, PipelineCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Activity != _lastActivity)
        {
            _lastActivity = counts.Activity;
            _quietSince = now;
            return DrainState.Running;
        }

        var quiet = now - _quietSince;
        if (Outstanding(cameras, counts) is null)
        {
            return quiet >= quietPeriod ? DrainState.Drained : DrainState.Running;
        }

        var allStopped = cameras.Count > 0 && cameras.All(c => c.State == CameraState.Stopped);
        return allStopped && quiet >= stallPeriod ? DrainState.Stalled : DrainState.Running;
    }
}
