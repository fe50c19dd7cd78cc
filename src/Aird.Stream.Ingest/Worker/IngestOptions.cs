using Aird.Stream.Contracts;

namespace Aird.Stream.Ingest.Worker;

/// <summary>Settings of <see cref="IngestWorker"/> (configuration section <see cref="SectionName"/>). Tracking,
/// quality and best shots have their own sub-sections (<c>Ingest:Tracker</c>, <c>Ingest:Quality</c>,
/// <c>Ingest:BestShots</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Smallest face width to find, in frame pixels, on cameras that set no <c>MinFacePx</c>.</summary>
    public int MinFacePx { get; set; } = 16;

    /// <summary>Largest face width to find, in frame pixels, on cameras that set no <c>MaxFacePx</c>.</summary>
    public int MaxFacePx { get; set; } = 64;

    /// <summary>How the aligned 150 px chips are encoded: lossless PNG by default, because recognition of small
    /// faces suffers from every extra artefact.</summary>
    public ImageEncoding CropEncoding { get; set; } = ImageEncoding.Png;

    /// <summary>Written into every crop's header (<c>models.detector</c>), so that crops of different detectors
    /// can be told apart downstream.</summary>
    public string DetectorVersion { get; set; } = "blazeface-back256";

    /// <summary>How often the worker looks for cameras that stopped, to publish the best shots their tracks hold.</summary>
    public int CameraCheckIntervalMs { get; set; } = 500;
}
