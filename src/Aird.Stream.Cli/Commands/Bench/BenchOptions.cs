using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary>The options every <c>aird bench</c> subcommand shares, defined once.</summary>
internal static class BenchOptions
{
    public static Option<ExecutionProviderPreference> Provider() => new("--provider")
    {
        Description = "cpu: the CPU provider only; cuda: CUDA only (an error where it cannot load); "
            + "auto: the CPU, plus CUDA where it loads (the fallback is logged).",
        HelpName = "cpu|cuda|auto",
        DefaultValueFactory = _ => ExecutionProviderPreference.Auto,
    };

    public static Option<double> Seconds(string description)
    {
        var seconds = new Option<double>("--seconds") { Description = description, DefaultValueFactory = _ => 5 };
        OptionRules.Require(seconds, v => v is > 0 and <= 3600, "--seconds must be more than 0 and at most 3600.");
        return seconds;
    }

    public static Option<int> Threads()
    {
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads; 0 uses all cores.", DefaultValueFactory = _ => 0 };
        OptionRules.Require(threads, v => v >= 0, "--threads must be 0 (all cores) or more.");
        return threads;
    }

    /// <param name="contents">What the JSON holds, e.g. "name, machine, rows".</param>
    public static Option<string?> Json(string contents) => new("--json")
    {
        Description = $"Also write the results as JSON: {contents}.",
        HelpName = "PATH",
    };

    /// <summary>LFW, whose DevTest faces the detector benchmarks paste into their frames.</summary>
    public static Option<string?> Lfw() => new("--lfw")
    {
        Description = "LFW's folder (peopleDevTest.txt, lfw-deepfunneled/) whose DevTest faces are pasted into the frames. "
            + "Default: ../shared/data/lfw from the repository root; without it the faces are drawn blobs and the output says so.",
        HelpName = "DIR",
    };

    /// <summary>A custom parser for a comma-separated list of whole numbers from <paramref name="min"/> to
    /// <paramref name="max"/> (repeats dropped), e.g. <c>--batch 1,32</c>.</summary>
    /// <param name="what">What the numbers are, for the error: "batch sizes".</param>
    public static Func<ArgumentResult, int[]> NumberList(string option, string what, int min, int max) => result =>
    {
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        var numbers = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                result.AddError($"{option} '{text}' is not a comma-separated list of {what} from {min} to {max}.");
                return [];
            }

            numbers.Add(number);
        }

        return [.. numbers.Distinct()];
    };
}
