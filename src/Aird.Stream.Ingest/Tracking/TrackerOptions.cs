namespace Aird.Stream.Ingest.Tracking;

/// <summary>Settings of <see cref="FaceTracker"/> (configuration section <see cref="SectionName"/>). The defaults
/// suit faces of 16-40 px in 1080p frames sampled at about 5 frames per second.</summary>
public sealed record TrackerOptions
{
    public const string SectionName = "Ingest:Tracker";

    /// <summary>A track not seen for longer than this ends. Time rather than frames, because the sampling rate
    /// of a camera varies.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A detection whose box overlaps a track's predicted box by at least this intersection over union
    /// continues it; such matches are preferred to matches by centre distance.</summary>
    public double MinIou { get; init; } = 0.3;

    /// <summary>Otherwise a detection continues a track when its centre lies within this many face widths of the
    /// track's predicted centre. At 5 fps a small face moves more than its own width between frames, and before
    /// a track has a velocity only this gate can follow it.</summary>
    public double MaxCentreDistance { get; init; } = 2.0;

    /// <summary>A detection and a track whose widths differ by more than this factor never match: detector widths
    /// of one face vary about +-15% from frame to frame, a neighbour's face often more.</summary>
    public double MaxSizeRatio { get; init; } = 1.6;

    /// <summary>Weight of the newest measured velocity in the smoothed constant-velocity prediction (1: the last
    /// step only).</summary>
    public double VelocitySmoothing { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        if (MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxAge)} must be positive, not {MaxAge}.");
        }

        if (!(MinIou is > 0 and <= 1))
        {
            throw new ArgumentException($"{nameof(MinIou)} must lie in (0, 1], not {MinIou}.");
        }

        if (!(MaxCentreDistance > 0 && double.IsFinite(MaxCentreDistance)))
        {
            throw new ArgumentException($"{nameof(MaxCentreDistance)} must be a positive number of face widths, not {MaxCentreDistance}.");
        }

        if (!(MaxSizeRatio >= 1 && double.IsFinite(MaxSizeRatio)))
        {
            throw new ArgumentException($"{nameof(MaxSizeRatio)} must be at least 1, not {MaxSizeRatio}.");
        }

        if (!(VelocitySmoothing is > 0 and <= 1))
        {
            throw new ArgumentException($"{nameof(VelocitySmoothing)} must lie in (0, 1], not {VelocitySmoothing}.");
        }
    }
}
