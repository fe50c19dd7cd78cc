namespace Aird.Stream.Cli.Tests;

/// <summary>
/// Tests that give an <c>aird</c> process a deadline to stop after Ctrl+C run alone, after the others: on a 2-core
/// machine the other tests' <c>aird</c> processes (detector, training, evaluation) can starve the stopping process
/// past any deadline that would still catch a real hang.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StopTimingTests
{
    public const string Name = "aird processes stopped by Ctrl+C";
}
