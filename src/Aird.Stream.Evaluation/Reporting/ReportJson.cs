using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aird.Stream.Evaluation.Reporting;

/// <summary>Writes and reads <see cref="EvaluationReport"/> as indented JSON with explicit nulls (stable keys).</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(string path, EvaluationReport report)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(report, Options));
    }

    public static EvaluationReport Read(string path) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path} holds no evaluation report");
}
