using System.CommandLine;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Cli.Pipeline;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird run</c>: every role in one process, printing alerts as they come and a summary at the end.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var untilDrained = new Option<bool>("--until-drained")
        {
            Description = "Stop once every camera's source ended (files without Loop) and every crop and embedding in flight was handled.",
        };
        var command = new Command(
            "run",
            "Run ingest, recognizer and matcher in one process: the in-process Kafka-protocol broker unless "
            + "Kafka:BootstrapServers is set, the PostgreSQL of Postgres:ConnectionString (migrated at start), the "
            + "cameras of Cameras:Items or Ingest:CamerasFile. Prints each alert on stdout as it comes and a summary "
            + "when stopped (Ctrl+C) or drained; logs go to stderr.")
        {
            untilDrained,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(AirdHost.CreateBuilder(parseResult), parseResult.GetValue(untilDrained), cancellationToken));
        return command;
    }

    /// <summary>Runs the pipeline and prints its summary; the exit code is 1 with one line on stderr when it could
    /// not start, 2 when it stopped without draining.</summary>
    private static async Task<int> RunAsync(HostApplicationBuilder builder, bool untilDrained, CancellationToken cancellationToken)
    {
        PipelineRunResult result;
        try
        {
            result = await PipelineRun.RunAsync(builder, new PipelineRunOptions(untilDrained, Console.Out), cancellationToken);
        }
        catch (Exception e) when (e is PipelineSetupException or DatabaseUnavailableException or MigrationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"aird run: {e.Message}");
            return 1;
        }

        await Console.Out.WriteAsync(RunSummary.Format(result));
        return result.Outcome == DrainState.Stalled ? 2 : 0;
    }
}
