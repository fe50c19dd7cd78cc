using System.CommandLine;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Cli.Pipeline;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird demo</c>: builds a surveillance clip of LFW people, enrolls some of them from other photos and
/// runs the whole pipeline over it, as <c>aird run --until-drained</c> does.</summary>
internal static class DemoCommand
{
    private const string CameraId = "demo";

    public static Command Create()
    {
        var options = new DemoOptions(defaultSeconds: 40);
        var command = new Command(
            "demo",
            "The end-to-end demo: renders a clip with ffmpeg of LFW DevTest people walking past at faces of 16-40 px, "
            + $"enrolls some of them on watchlist '{DemoScenario.Watchlist}' from their other LFW images, then runs ingest, "
            + "recognizer and matcher in one process (as aird run --until-drained), printing alerts as they come, the "
            + "summary, and which enrolled people were alerted. Settings as for aird run (Postgres, Kafka, Recognizer, Vision:Detector).");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options.Read(parseResult), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, DemoSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync($"aird demo: {problem}.");
            return 1;
        }

        try
        {
            using var scenario = await DemoScenario.PrepareAsync(AirdHost.CreateBuilder(parseResult), settings, Console.Out, cancellationToken);
            var builder = AirdHost.CreateBuilder(parseResult);
            builder.Configuration.AddInMemoryCollection(scenario.CameraSettings([CameraId], settings.CameraFps));
            var result = await PipelineRun.RunAsync(builder, new PipelineRunOptions(StopWhenDrained: true, Console.Out), cancellationToken);
            await Console.Out.WriteAsync(RunSummary.Format(result));

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var faces = await scenario.Sightings.FaceCentresYAsync([.. result.Alerts.Select(a => a.FaceId)], deadline.Token);
            await Console.Out.WriteAsync(DemoReport.Format(scenario.Cast, result.Alerts, faces));
            return result.Outcome == DrainState.Stalled ? 2 : 0;
        }
        catch (Exception e) when (e is PipelineSetupException or DatabaseUnavailableException or MigrationException or OptionsValidationException or FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"aird demo: {e.Message}");
            return 1;
        }
    }
}
