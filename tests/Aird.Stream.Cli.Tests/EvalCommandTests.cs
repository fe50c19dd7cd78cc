using System.Text.Json;
using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aird-eval-cli-").FullName;

    [Fact]
    public async Task Eval_runs_verification_and_open_set_on_real_images_and_writes_report_and_plots()
    {
        var devTest = File.ReadAllLines(Path.Combine(RepositoryPaths.Lfw, "pairsDevTest.txt"));
        var pairs = Path.Combine(folder, "pairs.txt");
        File.WriteAllLines(pairs, ["24", .. devTest[1..13], .. devTest[501..513]]);
        var people = Path.Combine(folder, "people.txt");
        File.WriteAllLines(people, ["6", "Abel_Pacheco\t4", "Zico\t3", "Aaron_Peirsol\t4", "AJ_Cook\t1", "AJ_Lamas\t1", "Aaron_Eckhart\t1"]);
        var json = Path.Combine(folder, "report.json");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "eval", "--dataset", Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled"), "--pairs", pairs, "--people", people,
            "--protocol", "hr", "one_side_lr", "open_set", "--sizes", "16", "--both-sizes", "24", "--json", json, "--provider", "Cpu");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("one_side_lr", stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["hr", "one_side_lr", "open_set"], rows.Select(r => r.GetProperty("protocol").GetString()));
        Assert.InRange(rows[0].GetProperty("accuracy").GetDouble(), 0.9, 1.0);
        Assert.InRange(rows[2].GetProperty("rank1").GetDouble(), 0.0, 1.0);
        Assert.True(File.Exists(Path.Combine(folder, "report-roc.png")));
        Assert.True(File.Exists(Path.Combine(folder, "report-det.png")));
    }

    [Fact]
    public async Task A_missing_pairs_file_is_one_clear_line()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("eval", "--pairs", Path.Combine(folder, "absent.txt"));

        Assert.Equal(1, exitCode);
        Assert.Contains("absent.txt' does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_pairs_file_names_its_line()
    {
        var pairs = Path.Combine(folder, "bad.txt");
        File.WriteAllLines(pairs, ["1", "Zico one 2"]);

        var (exitCode, _, stderr) = await AirdProcess.RunAsync("eval", "--pairs", pairs, "--protocol", "hr");

        Assert.Equal(1, exitCode);
        Assert.Contains("bad.txt:2:", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
