using System.Globalization;
using Aird.Stream.Cli.Commands;
using Aird.Stream.Enrollment;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Storage.Watchlists;
using Aird.Stream.Video.Synthetic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// What <c>aird demo</c> and <c>aird bench pipeline</c> play: the demo clip rendered with ffmpeg and its enrolled
/// people on watchlist <see cref="Watchlist"/>. Keeps the enrollment host, and with it a database connection, for
/// reading the results back.
/// </summary>
internal sealed class DemoScenario : IDisposable
{
    public const string Watchlist = "demo";

    private readonly DemoEnrollment _enrollment;

    private DemoScenario(IReadOnlyList<DemoPerson> cast, SurveillanceClip clip, DemoEnrollment enrollment)
    {
        Cast = cast;
        Clip = clip;
        _enrollment = enrollment;
    }

    public IReadOnlyList<DemoPerson> Cast { get; }

    public SurveillanceClip Clip { get; }

    public RunSightings Sightings => new(_enrollment.Services.GetRequiredService<NpgsqlDataSource>());

    /// <summary>Renders the clip, migrates the database and enrolls the cast's enrolled people (again: a no-op).</summary>
    /// <param name="builder">The host settings (Postgres, Recognizer, Vision:Detector) enrollment runs with.</param>
    /// <exception cref="FileNotFoundException">peopleDevTest.txt, an LFW image or the recognizer's model is missing.</exception>
    public static async Task<DemoScenario> PrepareAsync(HostApplicationBuilder builder, DemoSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var peopleFile = Path.Combine(settings.Lfw, "peopleDevTest.txt");
        if (!File.Exists(peopleFile))
        {
            throw new FileNotFoundException($"LFW is missing: no '{peopleFile}' (the set-up provides LFW at ../shared/data/lfw; or pass --lfw).", peopleFile);
        }

        var cast = DemoCast.Create(
            await File.ReadAllLinesAsync(peopleFile, cancellationToken), settings.People, settings.Enrolled, settings.Duration, settings.Width, settings.Height, settings.Seed);
        Directory.CreateDirectory(settings.Output);
        var clip = await SurveillanceClip.CreateAsync(
            Path.GetFullPath(Path.Combine(settings.Output, "demo.mp4")),
            [.. cast.Select(p => p.Clip)],
            settings.Duration,
            settings.Width,
            settings.Height,
            fps: 10,
            settings.Seed,
            settings.Lfw,
            cancellationToken);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Clip {clip.Path}: {clip.Width}x{clip.Height}, {clip.Duration.TotalSeconds:0} s, {cast.Count} people with faces of {cast.Min(p => p.Clip.FaceWidthPx)}-{cast.Max(p => p.Clip.FaceWidthPx)} px, {cast.Count(p => p.Enrolled)} of them enrolled."));

        var enrollment = new DemoEnrollment(builder);
        try
        {
            await enrollment.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
            await EnrollAsync(enrollment, cast, settings.Lfw, output, cancellationToken);
            return new DemoScenario(cast, clip, enrollment);
        }
        catch
        {
            enrollment.Dispose();
            throw;
        }
    }

    /// <summary>Settings for cameras <paramref name="cameraIds"/>, each playing the clip once at <paramref name="fps"/>,
    /// with a frame queue that holds every sampled frame, so a machine slower than the clip still processes them all.</summary>
    public Dictionary<string, string?> CameraSettings(IReadOnlyList<string> cameraIds, double fps)
    {
        ArgumentNullException.ThrowIfNull(cameraIds);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Cameras:FrameQueueCapacity"] = ((cameraIds.Count * (int)Math.Ceiling(Clip.Duration.TotalSeconds * fps)) + 8).ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < cameraIds.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Cameras:Items:{i}:");
            settings[prefix + "Id"] = cameraIds[i];
            settings[prefix + "Url"] = Clip.Path;
            settings[prefix + "Fps"] = fps.ToString(CultureInfo.InvariantCulture);
            settings[prefix + "MinFacePx"] = DemoSettings.MinFacePx.ToString(CultureInfo.InvariantCulture);
            settings[prefix + "MaxFacePx"] = DemoSettings.MaxFacePx.ToString(CultureInfo.InvariantCulture);
            settings[prefix + "Loop"] = "false";
        }

        return settings;
    }

    public void Dispose() => _enrollment.Dispose();

    private static async Task EnrollAsync(DemoEnrollment enrollment, IReadOnlyList<DemoPerson> cast, string lfw, TextWriter output, CancellationToken cancellationToken)
    {
        // A short cooldown: the demo run again a minute later alerts again.
        var watchlist = new WatchlistSettings(
            EnrollCommand.DefaultMatchThreshold, EnrollCommand.DefaultUnknownThreshold, EnrollCommand.DefaultMargin, AlertOnUnknown: false, TimeSpan.FromSeconds(10));
        var requests = cast.Where(p => p.Enrolled).Select(p => new EnrollmentRequest(
            Watchlist, p.DisplayName, watchlist, [.. p.EnrollmentImages.Select(i => LfwFolder.ImagePath(lfw, p.Clip.Name, i))])).ToList();
        foreach (var summary in await enrollment.EnrollAsync(requests, cancellationToken))
        {
            await output.WriteLineAsync(summary.Succeeded
                ? $"Enrolled {summary.Subject!.DisplayName} on '{Watchlist}': {summary.Added + summary.AlreadyEnrolled} of {summary.Images.Count} photo(s) usable."
                : $"Could not enroll from {string.Join(", ", summary.Images.Select(i => Path.GetFileName(i.Path)))}: {string.Join("; ", summary.Images.Select(i => i.Message))}");
        }
    }
}
