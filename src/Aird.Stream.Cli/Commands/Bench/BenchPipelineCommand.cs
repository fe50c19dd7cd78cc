using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Aird.Stream.Cli.Benchmarks;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Cli.Pipeline;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary><c>aird bench pipeline</c>: the whole pipeline in one process with N cameras playing the demo clip.</summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var cameras = new Option<int[]>("--cameras")
        {
            Description = "Camera counts to measure, comma-separated; every camera plays the clip once.",
            HelpName = "N[,N...]",
            DefaultValueFactory = _ => [1, 4, 8],
            CustomParser = BenchOptions.NumberList("--cameras", "camera counts", 1, 64),
        };
        var json = BenchOptions.Json("name, machine, clip, rows");
        var demo = new DemoOptions(defaultSeconds: 20);
        var command = new Command(
            "pipeline",
            "Ingest, recognizer and matcher in one process (as aird run --until-drained) with N cameras playing the demo "
            + "clip, for each N: frames and crops per second through ingest, embeddings per second through the "
            + "recognizer, sightings per second through the matcher (each over its own active time), and the latency "
            + "from a face's capture to its alert's arrival, p50/p95. Files play in real time, so a rate at the offered "
            + "load (N x --camera-fps frames/s) means the role kept up. Settings as for aird run.")
        {
            cameras, json,
        };
        demo.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult, parseResult.GetValue(cameras)!, demo.Read(parseResult), parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, int[] cameraCounts, DemoSettings settings, string? jsonPath, CancellationToken cancellationToken)
    {
        if (settings.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync($"aird bench pipeline: {problem}.");
            return 1;
        }

        try
        {
            using var scenario = await DemoScenario.PrepareAsync(AirdHost.CreateBuilder(parseResult), settings, Console.Error, cancellationToken);
            var rows = new List<PipelineBenchRow>();
            var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            foreach (var count in cameraCounts)
            {
                // Camera ids of their own per run: a camera's alert cooldown must not carry over from the last run.
                var ids = Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench{stamp}-n{count}-{i}")).ToList();
                var builder = AirdHost.CreateBuilder(parseResult);
                builder.Configuration.AddInMemoryCollection(scenario.CameraSettings(ids, settings.CameraFps));
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await PipelineRun.RunAsync(builder, new PipelineRunOptions(StopWhenDrained: true, Output: null), cancellationToken);
                var row = PipelineBenchRow.From(count, result, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
                rows.Add(row);
                await Console.Error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count} camera(s): {row.Frames} frames, {row.Crops} crops, {row.Sightings} sightings, {row.Alerts} alerts in {row.WallSeconds:0.0} s"));
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            var clip = scenario.Clip;
            var report = new PipelineBenchReport(
                MachineInfo.Current(),
                new PipelineBenchClip(clip.Path, clip.Width, clip.Height, clip.Duration.TotalSeconds, settings.People, settings.Enrolled, settings.CameraFps, DemoSettings.MinFacePx, DemoSettings.MaxFacePx),
                rows);
            Console.WriteLine($"Machine: {report.Machine}");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Clip: {clip.Width}x{clip.Height}, {clip.Duration.TotalSeconds:0} s, {settings.People} people ({settings.Enrolled} enrolled), faces {DemoSettings.MinFacePx}-{DemoSettings.MaxFacePx} px searched, cameras sampling {settings.CameraFps} fps"));
            Console.Write(report.ToTable());
            if (jsonPath is not null)
            {
                await report.WriteAsync(jsonPath, cancellationToken);
                Console.WriteLine($"Wrote {jsonPath}");
            }

            return rows.TrueForAll(r => r.Drained) ? 0 : 2;
        }
        catch (Exception e) when (e is PipelineSetupException or DatabaseUnavailableException or MigrationException or OptionsValidationException or FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"aird bench pipeline: {e.Message}");
            return 1;
        }
    }
}
