using System.CommandLine;
using System.CommandLine.Parsing;
using Aird.Stream.Cli.Benchmarks;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary><c>aird bench detect</c>: 1080p frames per second of the tiled face detector, and its cost per tile.</summary>
internal static class BenchDetectCommand
{
    public static Command Create()
    {
        var defaults = new FaceDetectorOptions();
        var minFace = new Option<int>("--min-face")
        {
            Description = "Smallest face width to find, px (the detector's default).",
            DefaultValueFactory = _ => defaults.MinFacePx,
        };
        var maxFace = new Option<int>("--max-face")
        {
            Description = "Largest face width to find, px (the detector's default).",
            DefaultValueFactory = _ => defaults.MaxFacePx,
        };
        var ranges = new Option<DetectFaceRange[]>("--ranges")
        {
            Description = "Face ranges measured side by side in one run, comma-separated, instead of --min-face/--max-face; "
                + "each is its own tiling, so the rows show what a range costs.",
            HelpName = "MIN-MAX[,MIN-MAX...]",
            CustomParser = ParseRanges,
        };
        var provider = BenchOptions.Provider();
        var seconds = BenchOptions.Seconds($"Measured time per face range and provider, after a warm-up frame; at least {DetectMeasurement.MinFrames} frames are timed.");
        var threads = BenchOptions.Threads();
        var lfw = BenchOptions.Lfw();
        var video = new Option<string?>("--video")
        {
            Description = "Measure on the first frames of this video (decoded with OpenCV before timing) instead of synthetic frames.",
            HelpName = "FILE",
        };
        var json = BenchOptions.Json("name, machine, frames, rows");

        var command = new Command(
            "detect",
            "Frames per second of the tiled face detector on synthetic 1920x1080 frames with faces pasted in (or a video's frames), per face range, "
            + "on the CPU and on CUDA where it loads, with the tiles per frame and the time per tile. The model is "
            + "Vision:Detector:ModelPath (default: the back-256 BlazeFace in .cache). Prints a table on stdout; progress and logs go to stderr.")
        {
            minFace, maxFace, ranges, provider, seconds, threads, lfw, video, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(ranges) is not null && (result.GetResult(minFace) is { Implicit: false } || result.GetResult(maxFace) is { Implicit: false }))
            {
                result.AddError("Give either --ranges or --min-face/--max-face, not both.");
            }
            else if (OptionRules.TryGetValue(result, minFace, defaults.MinFacePx, out var min)
                && OptionRules.TryGetValue(result, maxFace, defaults.MaxFacePx, out var max)
                && !new DetectFaceRange(min, max).IsValid)
            {
                result.AddError($"--min-face and --max-face must be face widths in px with {DetectFaceRange.SmallestFacePx} <= MIN <= MAX.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var faceRanges = parseResult.GetValue(ranges) is { Length: > 0 } given
                ? given
                : [new DetectFaceRange(parseResult.GetValue(minFace), parseResult.GetValue(maxFace))];
            var settings = new DetectBenchSettings(
                faceRanges,
                parseResult.GetValue(provider),
                TimeSpan.FromSeconds(parseResult.GetValue(seconds)),
                parseResult.GetValue(threads),
                parseResult.GetValue(lfw) ?? RepositoryLayout.Lfw,
                parseResult.GetValue(video));
            return DetectorBenchRun.RunAsync(
                "detect",
                parseResult,
                parseResult.GetValue(json),
                (sessions, configured, logger, ct) =>
                {
                    var report = new DetectBenchRunner(sessions, configured, logger, settings, Console.Out).Run(ct);
                    return Task.FromResult<Func<string, CancellationToken, Task>>(report.WriteAsync);
                },
                cancellationToken);
        });
        return command;
    }

    private static DetectFaceRange[] ParseRanges(ArgumentResult result)
    {
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        var parsed = text.Split(',', StringSplitOptions.TrimEntries).Select(DetectFaceRange.TryParse).ToList();
        if (parsed.Any(r => r is null))
        {
            result.AddError($"--ranges '{text}' is not a comma-separated list of face ranges MIN-MAX in px with {DetectFaceRange.SmallestFacePx} <= MIN <= MAX.");
            return [];
        }

        return [.. parsed.Select(r => r!.Value).Distinct()];
    }
}
