namespace Aird.Stream.Cli.Tests;

public class HelpTests
{
    [Fact]
    public async Task Help_lists_exactly_the_working_commands()
    {
        var (exitCode, stdout, _) = await AirdProcess.RunAsync("--help");

        Assert.Equal(0, exitCode);
        var commands = stdout[stdout.IndexOf("Commands:", StringComparison.Ordinal)..]
            .Split('\n', StringSplitOptions.TrimEntries)
            .Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(' ')[0]);
        Assert.Equal(["db", "dev-kafka", "bench", "eval", "train", "run", "demo", "enroll", "ingest", "recognize", "match"], commands);
    }

    [Fact]
    public async Task A_mistyped_option_is_an_error_not_a_silently_ignored_setting()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("db", "migrate", "--conection", "Host=x");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unrecognized argument '--conection'", stderr, StringComparison.Ordinal);
    }
}
