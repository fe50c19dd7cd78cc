namespace Aird.Stream.Vision.Tests;

/// <summary>What lies behind the faces of a <see cref="SyntheticScene"/>.</summary>
public enum SceneBackground
{
    /// <summary>One flat grey.</summary>
    Plain,

    /// <summary>Per-pixel Gaussian noise (sd 40): fine clutter.</summary>
    Noise,

    /// <summary>Blurred noise at full contrast: blotches and edges at many scales.</summary>
    Texture,
}
