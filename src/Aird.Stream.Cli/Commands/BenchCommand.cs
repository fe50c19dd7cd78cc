using System.CommandLine;
using Aird.Stream.Cli.Commands.Bench;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird bench</c>: speed benchmarks, one subcommand per part of the pipeline.</summary>
internal static class BenchCommand
{
    public static Command Create() => new(
        "bench",
        "Speed benchmarks on this machine: absolute figures with the machine stated, and ratios measured side by side in one run.")
    {
        BenchEmbedCommand.Create(),
        BenchDetectCommand.Create(),
        BenchDetectRecallCommand.Create(),
        BenchPipelineCommand.Create(),
    };
}
