namespace Aird.Stream.Cli.Pipeline;

/// <summary>How <see cref="PipelineRun"/> runs the roles.</summary>
/// <param name="StopWhenDrained">Stop once every camera's source ended and everything in flight was handled.</param>
/// <param name="Output">Where alerts (as they come) and the summary are written; null writes nothing.</param>
/// <param name="QuietPeriod">How long nothing may move before a balanced pipeline counts as drained.</param>
/// <param name="StallPeriod">How long nothing may move, all cameras ended, before an unbalanced pipeline is given up.</param>
internal sealed record PipelineRunOptions(bool StopWhenDrained, TextWriter? Output)
{
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan StallPeriod { get; init; } = TimeSpan.FromSeconds(60);
}
