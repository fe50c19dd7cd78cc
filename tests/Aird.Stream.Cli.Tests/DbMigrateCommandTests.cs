using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public class DbMigrateCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrate_applies_the_schema_once_and_then_nothing()
    {
        var first = await AirdProcess.RunAsync("db", "migrate", "--connection", database.ConnectionString);
        var second = await AirdProcess.RunAsync("db", "migrate", $"--Postgres:ConnectionString={database.ConnectionString}");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.StartsWith("Applied 0001_", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("nothing applied", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_gives_one_clear_line_and_a_failing_exit_code()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(
            "db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=aird;Password=x;Database=aird;Timeout=5");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.Contains("connection refused", line, StringComparison.Ordinal);
    }
}
