using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Aird.Stream.Cli.Benchmarks;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary><c>aird bench detect-recall</c>: the detector's recall per face width and its false positives per
/// frame, on synthetic 1080p frames with LFW DevTest faces pasted at known positions.</summary>
internal static class BenchDetectRecallCommand
{
    // The frame generator's grid has 72 cells of 160 px in 1920x1080; more faces would not fit apart.
    private const int MaxFacesPerFrame = 72;
    private const int MaxFrames = 1000;

    private static readonly int[] DefaultWidths = [16, 20, 24, 32, 40];

    public static Command Create()
    {
        var widths = new Option<int[]>("--widths")
        {
            Description = "Face widths measured, px, comma-separated; each gets its own frames.",
            HelpName = "PX[,PX...]",
            CustomParser = ParseWidths,
            DefaultValueFactory = _ => DefaultWidths,
        };
        var frames = new Option<int>("--frames") { Description = "Frames per width; they take the backgrounds (plain, noise, texture, clutter) in turn.", DefaultValueFactory = _ => 8 };
        var faces = new Option<int>("--faces")
        {
            Description = $"LFW DevTest faces pasted per frame, at most {MaxFacesPerFrame}.",
            DefaultValueFactory = _ => 12,
        };
        var minFace = new Option<int?>("--min-face") { Description = "Smallest face width the detector looks for, px. Default: the smallest of --widths." };
        var maxFace = new Option<int?>("--max-face") { Description = "Largest face width the detector looks for, px. Default: the largest of --widths." };
        var threads = BenchOptions.Threads();
        var lfw = BenchOptions.Lfw();
        var json = BenchOptions.Json("name, machine, face_range, score_threshold, synthetic, rows");

        var command = new Command(
            "detect-recall",
            "Recall per face width and false positives per frame of the face detector on the CPU, at the configured score threshold "
            + "(Vision:Detector:ScoreThreshold), on synthetic 1920x1080 frames with LFW DevTest faces pasted at known positions. "
            + "A detection finds a face when IoU >= 0.3 or its centre lies on the face. Prints a table on stdout; progress and logs go to stderr.")
        {
            widths, frames, faces, minFace, maxFace, threads, lfw, json,
        };
        OptionRules.Require(frames, v => v is >= 1 and <= MaxFrames, $"--frames must be from 1 to {MaxFrames}.");
        OptionRules.Require(faces, v => v is >= 1 and <= MaxFacesPerFrame, $"--faces must be from 1 to {MaxFacesPerFrame}.");
        command.Validators.Add(result =>
        {
            // A --widths that does not parse has its own error already.
            var given = result.GetResult(widths) is { Implicit: false } option ? TryParseWidths(option.Tokens) : DefaultWidths;
            if (given is not null
                && OptionRules.TryGetValue(result, minFace, null, out var min)
                && OptionRules.TryGetValue(result, maxFace, null, out var max)
                && !RangeFor(given, min, max).IsValid)
            {
                result.AddError($"--min-face and --max-face must be face widths in px with {DetectFaceRange.SmallestFacePx} <= MIN <= MAX.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(widths)!;
            var settings = new DetectRecallSettings(
                given,
                parseResult.GetValue(frames),
                parseResult.GetValue(faces),
                RangeFor(given, parseResult.GetValue(minFace), parseResult.GetValue(maxFace)),
                parseResult.GetValue(threads),
                parseResult.GetValue(lfw) ?? RepositoryLayout.Lfw);
            return DetectorBenchRun.RunAsync(
                "detect-recall",
                parseResult,
                parseResult.GetValue(json),
                (sessions, configured, logger, ct) =>
                {
                    var report = new DetectRecallRunner(sessions, configured, logger, settings, Console.Out).Run(ct);
                    return Task.FromResult<Func<string, CancellationToken, Task>>(report.WriteAsync);
                },
                cancellationToken);
        });
        return command;
    }

    private static DetectFaceRange RangeFor(int[] widths, int? minFace, int? maxFace) =>
        new(minFace ?? widths.Min(), maxFace ?? widths.Max());

    private static int[] ParseWidths(ArgumentResult result)
    {
        if (TryParseWidths(result.Tokens) is { } widths)
        {
            return widths;
        }

        result.AddError($"--widths '{Text(result.Tokens)}' is not a comma-separated list of face widths in px of at least {DetectFaceRange.SmallestFacePx}.");
        return [];
    }

    private static int[]? TryParseWidths(IReadOnlyList<Token> tokens)
    {
        var parsed = Text(tokens).Split(',', StringSplitOptions.TrimEntries)
            .Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var px) && px >= DetectFaceRange.SmallestFacePx ? px : (int?)null)
            .ToList();
        return parsed.Any(w => w is null) ? null : [.. parsed.Select(w => w!.Value).Distinct()];
    }

    private static string Text(IReadOnlyList<Token> tokens) => string.Join(',', tokens.Select(t => t.Value));
}
