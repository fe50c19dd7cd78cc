using System.Text.Json;
using Aird.Stream.Training.Student;
using static TorchSharp.torch;

namespace Aird.Stream.Training;

/// <summary>
/// The resumable state of a run in <c>OUT/checkpoint/</c>: the student's weights, the optimizer's moments, where the
/// run stopped and the options it ran with (a resumed run must use the same ones).
/// </summary>
internal sealed record TrainingCheckpoint(int Epoch, int NextBatch, int GlobalStep, double Seconds, string OptionsJson)
{
    private const string Folder = "checkpoint";

    public static TrainingCheckpoint? Load(string outputFolder)
    {
        var path = Path.Combine(outputFolder, Folder, "state.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path)) : null;
    }

    public static void Restore(string outputFolder, StudentNetwork student, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        student.load(Path.Combine(outputFolder, Folder, "student.weights"));
        optimizer.load_state_dict(Path.Combine(outputFolder, Folder, "optimizer.bin"));
    }

    /// <summary>Writes the checkpoint atomically enough: the state file that points at the weights is written last.</summary>
    public void Save(string outputFolder, StudentNetwork student, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var folder = Path.Combine(outputFolder, Folder);
        Directory.CreateDirectory(folder);
        student.save(Path.Combine(folder, "student.weights"));
        optimizer.save_state_dict(Path.Combine(folder, "optimizer.bin"));
        var state = Path.Combine(folder, "state.json");
        File.WriteAllText($"{state}.tmp", JsonSerializer.Serialize(this));
        File.Move($"{state}.tmp", state, overwrite: true);
    }
}
