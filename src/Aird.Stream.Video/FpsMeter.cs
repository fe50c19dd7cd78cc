namespace Aird.Stream.Video;

/// <summary>Frames per second over a sliding window; not thread-safe (the health tracker locks around it).</summary>
internal sealed class FpsMeter(TimeSpan window)
{
    private readonly Queue<DateTimeOffset> frames = new();
    private DateTimeOffset? firstFrame;

    public void Record(DateTimeOffset frameTime)
    {
        firstFrame ??= frameTime;
        frames.Enqueue(frameTime);
        Trim(frameTime);
    }

    /// <summary>
    /// Frames in the last window (half-open, (now - window, now]) divided by the window, so a camera that stopped decays to 0; before a full window
    /// has passed, the rate between the first and the last frame seen.
    /// </summary>
    public double Rate(DateTimeOffset now)
    {
        Trim(now);
        if (firstFrame is not { } first || frames.Count == 0)
        {
            return 0;
        }

        if (now - first >= window)
        {
            return frames.Count / window.TotalSeconds;
        }

        var span = (frames.Last() - frames.Peek()).TotalSeconds;
        return frames.Count >= 2 && span > 0 ? (frames.Count - 1) / span : 0;
    }

    private void Trim(DateTimeOffset now)
    {
        while (frames.Count > 0 && now - frames.Peek() >= window)
        {
            frames.Dequeue();
        }
    }
}
