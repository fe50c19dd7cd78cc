namespace Aird.Stream.Ingest.BestShots;

/// <summary>Settings of <see cref="BestShotSelector"/> (configuration section <see cref="SectionName"/>).</summary>
public sealed record BestShotOptions
{
    public const string SectionName = "Ingest:BestShots";

    /// <summary>At most this many shots of one track in any <see cref="Window"/>.</summary>
    public int MaxShotsPerWindow { get; init; } = 2;

    /// <summary>The sliding time window of <see cref="MaxShotsPerWindow"/>.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first shot of a track goes out on its N-th frame at the latest (the best of those frames), so
    /// that alerts do not wait for the track to end. 3 frames are 0.6 s at 5 fps.</summary>
    public int FirstShotFrames { get; init; } = 3;

    /// <summary>A face of at least this quality is sent at once as the first shot of its track.</summary>
    public double FirstShotQuality { get; init; } = 0.7;

    /// <summary>After the first shot, a face is sent only when its quality beats the best sent one by this much.</summary>
    public double ImprovementMargin { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        if (MaxShotsPerWindow < 1)
        {
            throw new ArgumentException($"{nameof(MaxShotsPerWindow)} must be at least 1, not {MaxShotsPerWindow}.");
        }

        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Window)} must be positive, not {Window}.");
        }

        if (FirstShotFrames < 1)
        {
            throw new ArgumentException($"{nameof(FirstShotFrames)} must be at least 1, not {FirstShotFrames}.");
        }

        if (!(FirstShotQuality is >= 0 and <= 1))
        {
            throw new ArgumentException($"{nameof(FirstShotQuality)} must lie in [0, 1], not {FirstShotQuality}.");
        }

        if (!(ImprovementMargin is >= 0 and <= 1))
        {
            throw new ArgumentException($"{nameof(ImprovementMargin)} must lie in [0, 1], not {ImprovementMargin}.");
        }
    }
}
