namespace Aird.Stream.Cli.Pipeline;

/// <summary>When the run started, on the clock the capture times are taken from.</summary>
internal sealed class PipelineRunClock(TimeProvider time)
{
    public DateTimeOffset Started { get; } = time.GetUtcNow();

    public DateTimeOffset Now => time.GetUtcNow();
}
