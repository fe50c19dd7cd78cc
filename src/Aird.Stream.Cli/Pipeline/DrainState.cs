namespace Aird.Stream.Cli.Pipeline;

internal enum DrainState
{
    /// <summary>A camera is still playing, or work is still in flight.</summary>
    Running,

    /// <summary>Every camera ended and every frame, crop and embedding was accounted for, then nothing moved for the quiet period.</summary>
    Drained,

    /// <summary>Every camera ended but the counts never balanced and nothing moved for the stall period.</summary>
    Stalled,
}
