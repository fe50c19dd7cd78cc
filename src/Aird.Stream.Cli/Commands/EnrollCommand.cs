using System.CommandLine;
using System.Globalization;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Enrollment;
using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Watchlists;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird enroll</c>: enrolls a subject on a watchlist from photos, with the recognizer's model.</summary>
internal static class EnrollCommand
{
    // The shipped student's cosines are crowded near 1 (the teacher's space): LFW DevTest probes at 16-32 px against
    // another HR photo of the same person have median 0.92 (10th percentile 0.88), other people median 0.81 and
    // 99th percentile 0.92. The defaults favour few false alerts; docs/enrollment.md has the measurement.
    public const float DefaultMatchThreshold = 0.93f;

    public const float DefaultUnknownThreshold = 0.85f;

    public const float DefaultMargin = 0.02f;

    private static readonly TimeSpan DefaultCooldown = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var watchlist = new Option<string>("--watchlist") { Description = "Watchlist name; created if it does not exist.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The person's display name on the watchlist; created if new.", Required = true };
        var match = new Option<float>("--match-threshold")
        {
            Description = "New watchlist: cosine similarity in [-1, 1] from which a face matches its best subject.",
            DefaultValueFactory = _ => DefaultMatchThreshold,
        };
        var unknown = new Option<float>("--unknown-threshold")
        {
            Description = "New watchlist: below this cosine similarity to every subject a face is unknown.",
            DefaultValueFactory = _ => DefaultUnknownThreshold,
        };
        var margin = new Option<float>("--margin")
        {
            Description = "New watchlist: how much the best subject must beat the second.",
            DefaultValueFactory = _ => DefaultMargin,
        };
        var alertOnUnknown = new Option<bool>("--alert-on-unknown") { Description = "New watchlist: alert on unknown faces too." };
        var images = new Argument<string[]>("IMAGES") { Description = "Image files or folders of them (searched recursively).", Arity = ArgumentArity.OneOrMore };

        var command = new Command(
            "enroll",
            "Enroll a person from photos: detect the largest face of each image, align and embed it with the recognizer's model (Recognizer:Model, Recognizer:FaceBn) and store the embedding on the watchlist. Enrolling the same image again adds nothing. Settings: Postgres, Recognizer, Vision:Detector.")
        {
            watchlist, subject, match, unknown, margin, alertOnUnknown, images,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new WatchlistSettings(
                parseResult.GetValue(match),
                parseResult.GetValue(unknown),
                parseResult.GetValue(margin),
                parseResult.GetValue(alertOnUnknown),
                DefaultCooldown);
            // IMAGES takes every token after the options, the --Section:Key=value settings among them.
            var tokens = parseResult.GetValue(images)!;
            var request = new EnrollmentRequest(
                parseResult.GetValue(watchlist)!, parseResult.GetValue(subject)!, settings, [.. tokens.Where(t => !SettingOverrides.IsSetting(t))]);
            var explicitSettings = new[] { match, unknown, margin }.Any(o => parseResult.GetResult(o) is { Implicit: false }) || parseResult.GetValue(alertOnUnknown);
            return RunAsync(parseResult, request, [.. tokens.Where(SettingOverrides.IsSetting)], explicitSettings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, EnrollmentRequest request, string[] settingTokens, bool explicitSettings, CancellationToken cancellationToken)
    {
        if (request.Images.FirstOrDefault(i => i.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await Console.Error.WriteLineAsync($"Unrecognized argument '{option}'. Options are listed by --help; settings are given as --Section:Key=value.");
            return 1;
        }

        if (request.NewWatchlist.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync($"aird enroll: {problem}.");
            return 1;
        }

        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Configuration.AddCommandLine(settingTokens);
        LocalEnrollment.AddTo(builder.Services, builder.Configuration);
        using var host = builder.Build();
        try
        {
            using var enrollment = LocalEnrollment.Open(host.Services);
            var bar = new ConsoleProgress();
            var summary = await enrollment.Enroller.EnrollAsync(
                request, new InlineProgress(p => bar.Report(new EvaluationProgress("enroll", p.Done, p.Total))), cancellationToken);
            return await ReportAsync(request, summary, explicitSettings);
        }
        catch (Exception e) when (e is DatabaseUnavailableException or OptionsValidationException or FileNotFoundException or InvalidDataException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"aird enroll: {e.Message}");
            return 1;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.InvalidColumnReference)
        {
            // A schema from before 0005_enrollment lacks the unique keys enrollment writes with.
            await Console.Error.WriteLineAsync($"aird enroll: the database schema is not up to date ({e.MessageText}); run 'aird db migrate'.");
            return 1;
        }
    }

    private static async Task<int> ReportAsync(EnrollmentRequest request, EnrollmentSummary summary, bool explicitSettings)
    {
        foreach (var failed in summary.Images.Where(i => !i.HasFace))
        {
            await Console.Error.WriteLineAsync($"{failed.Path}: {failed.Message}");
        }

        if (summary.Images.Count == 0)
        {
            await Console.Error.WriteLineAsync($"aird enroll: no image files in {string.Join(", ", request.Images)}; nothing was enrolled.");
            return 1;
        }

        if (!summary.Succeeded)
        {
            await Console.Error.WriteLineAsync($"aird enroll: none of the {summary.Images.Count} images has a usable face; nothing was enrolled.");
            return 1;
        }

        var watchlist = summary.Watchlist!;
        var s = watchlist.Settings;
        var described = string.Create(
            CultureInfo.InvariantCulture,
            $"match {s.MatchThreshold:0.###}, unknown {s.UnknownThreshold:0.###}, margin {s.Margin:0.###}, alerts on unknown {(s.AlertOnUnknown ? "on" : "off")}, cooldown {s.Cooldown.TotalMinutes:0.#} min");
        if (watchlist.Created)
        {
            Console.WriteLine($"Created watchlist '{watchlist.Name}' ({described}{(explicitSettings ? string.Empty : "; defaults, see docs/enrollment.md")}).");
        }
        else if (explicitSettings && s != request.NewWatchlist)
        {
            await Console.Error.WriteLineAsync($"aird enroll: watchlist '{watchlist.Name}' exists; its own settings ({described}) are kept, the ones given apply only to a new watchlist.");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Enrolled '{summary.Subject!.DisplayName}' on '{watchlist.Name}' with model {summary.ModelVersion}: {summary.Added} face(s) added, {summary.AlreadyEnrolled} already enrolled, {summary.Failed} image(s) without a usable face."));
        return 0;
    }

    private sealed class InlineProgress(Action<EnrollmentProgress> report) : IProgress<EnrollmentProgress>
    {
        public void Report(EnrollmentProgress value) => report(value);
    }
}
