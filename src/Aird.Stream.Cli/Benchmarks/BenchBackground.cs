namespace Aird.Stream.Cli.Benchmarks;

/// <summary>What lies behind the pasted faces of a benchmark frame; frames take them in turn.</summary>
internal enum BenchBackground
{
    /// <summary>One flat grey with a faint gradient.</summary>
    Plain,

    /// <summary>Per-pixel Gaussian noise (sd 40): sensor-like fine clutter.</summary>
    Noise,

    /// <summary>Blurred noise at full contrast: blotches and edges at many scales.</summary>
    Texture,

    /// <summary>A man-made scene: rectangles, poles, wires, round shapes and lettering at many sizes, slightly blurred
    /// and noisy. Dark dots above a line and round signs are what a small-face detector mistakes for faces.</summary>
    Clutter,
}
