using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public class EnrollCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Images_without_a_usable_face_are_listed_with_their_reason_and_fail_the_command()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"aird-missing-{Guid.NewGuid():N}.jpg");
        var notImage = Path.Combine(RepositoryPaths.Root, "README.md");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            Timeout, "enroll", "--watchlist", "w", "--subject", "s", missing, notImage, $"--Postgres:ConnectionString={database.ConnectionString}");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"{missing}: no such file", stderr, StringComparison.Ordinal);
        Assert.Contains($"{notImage}: not an image", stderr, StringComparison.Ordinal);
        Assert.Contains("none of the 2 images has a usable face; nothing was enrolled", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inconsistent_thresholds_are_refused_before_anything_runs()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(
            "enroll", "--watchlist", "w", "--subject", "s", "--match-threshold", "0.5", "--unknown-threshold", "0.7", "x.jpg");

        Assert.Equal(1, exitCode);
        Assert.Contains("the unknown threshold 0.7 is above the match threshold 0.5", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolls_a_photo_into_a_new_watchlist_and_reports_the_defaults()
    {
        var migrate = await AirdProcess.RunAsync("db", "migrate", "--connection", database.ConnectionString);
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        var photo = Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled", "Abel_Pacheco", "Abel_Pacheco_0001.jpg");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            Timeout, "enroll", "--watchlist", "cli", "--subject", "Abel Pacheco", photo, $"--Postgres:ConnectionString={database.ConnectionString}");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Created watchlist 'cli' (match ", stdout, StringComparison.Ordinal);
        Assert.Contains("defaults, see docs/enrollment.md", stdout, StringComparison.Ordinal);
        Assert.Contains("Enrolled 'Abel Pacheco' on 'cli' with model ", stdout, StringComparison.Ordinal);
        Assert.Contains("1 face(s) added, 0 already enrolled, 0 image(s) without a usable face", stdout, StringComparison.Ordinal);
    }
}
