using System.Text.Json;
using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-train-cli-").FullName;

    [Fact]
    public async Task Train_writes_a_student_that_eval_runs_with_FaceBN_camera_streams_and_the_camera_shift_protocol()
    {
        var output = Path.Combine(_folder, "run");
        var (trainExit, trainOut, trainErr) = await AirdProcess.RunAsync(
            TimeSpan.FromMinutes(5), "train", "--max-people", "11", "--epochs", "1", "--batch-size", "8", "--views", "1", "--one-camera-per-batch", "--out", output);

        Assert.True(trainExit == 0, trainErr);
        Assert.Contains("1 jittered view of each", trainErr, StringComparison.Ordinal);
        Assert.Contains("s per epoch", trainOut, StringComparison.Ordinal);
        Assert.Contains("epoch 1/1", trainErr, StringComparison.Ordinal);
        foreach (var file in new[] { "student.onnx", "student-facebn.onnx", "training-log.csv", "training-loss.png", "checkpoint/state.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        using (var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "checkpoint", "state.json"))))
        {
            using var options = JsonDocument.Parse(state.RootElement.GetProperty("OptionsJson").GetString()!);
            Assert.True(options.RootElement.GetProperty("Degradation").GetProperty("OneCameraPerBatch").GetBoolean());
        }

        var devTest = File.ReadAllLines(Path.Combine(RepositoryPaths.Lfw, "pairsDevTest.txt"));
        var pairs = Path.Combine(_folder, "pairs.txt");
        File.WriteAllLines(pairs, ["24", .. devTest[1..13], .. devTest[501..513]]);
        var people = Path.Combine(_folder, "people.txt");
        File.WriteAllLines(people, ["4", "Abel_Pacheco\t4", "Zico\t3", "AJ_Lamas\t1", "Aaron_Guiel\t1"]);
        var json = Path.Combine(_folder, "report.json");

        var (evalExit, evalOut, evalErr) = await AirdProcess.RunAsync(
            TimeSpan.FromMinutes(3), "eval", "--model", Path.Combine(output, "student-facebn.onnx"), "--camera-stream",
            "--dataset", Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled"), "--pairs", pairs, "--people", people,
            "--protocol", "one_side_lr", "camera_shift", "--sizes", "16", "--json", json, "--provider", "Cpu");

        Assert.True(evalExit == 0, evalErr);
        Assert.Contains("FaceBN warm-up", evalOut, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var oneSide = Assert.Single(rows, r => r.GetProperty("protocol").GetString() == "one_side_lr");
        Assert.True(oneSide.GetProperty("facebn").GetBoolean());
        var shift = rows.Where(r => r.GetProperty("protocol").GetString() == "camera_shift").ToList();

        // Four cameras, FaceBN off and on, verification and identification.
        Assert.Equal(16, shift.Count);
        Assert.Equal(["A", "B", "C", "D"], shift.Select(r => r.GetProperty("camera").GetString()).Distinct());
        Assert.Equal(8, shift.Count(r => r.GetProperty("facebn").GetBoolean()));
        Assert.All(shift.Where(r => r.GetProperty("rank1").ValueKind == JsonValueKind.Null), r => Assert.InRange(r.GetProperty("accuracy").GetDouble(), 0, 1));
        Assert.NotEmpty(report.RootElement.GetProperty("facebn_warmup").EnumerateArray());
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_is_one_clear_line()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("train", "--max-people", "11", "--batch-size", "8", "--resume", "--out", Path.Combine(_folder, "empty"));

        Assert.Equal(1, exitCode);
        Assert.Contains("no checkpoint", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--temperature", "0", "--temperature must be above 0.")]
    [InlineData("--prediction-weight", "-1", "--prediction-weight must not be negative.")]
    [InlineData("--clean-share", "1.5", "--clean-share must lie in [0, 1].")]
    [InlineData("--epochs", "0", "--epochs must be at least 1.")]
    [InlineData("--views", "-2", "--views must not be negative.")]
    [InlineData("--epochs", "ten", "Cannot parse argument 'ten' for option '--epochs'")]
    public async Task Nonsensical_training_options_are_refused_before_any_work(string option, string value, string message)
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("train", option, value, "--out", Path.Combine(_folder, "refused"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "refused")));
    }

    [Fact]
    public async Task The_camera_shift_protocol_refuses_a_model_without_FaceBN()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("eval", "--protocol", "camera_shift");

        Assert.Equal(1, exitCode);
        Assert.Contains("camera_shift needs a FaceBN model", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
