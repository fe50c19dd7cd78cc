using Aird.Stream.Training.Export;
using Aird.Stream.Training.Student;

namespace Aird.Stream.Recognizer.Tests.Support;

/// <summary>
/// The student with random weights, exported as the FaceBN graph and as the folded plain graph into a temporary
/// folder: valid graphs of the real architecture, so the recognizer runs exactly what it runs in production.
/// </summary>
public sealed class StudentModelFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-recognizer-tests-").FullName;

    public StudentModelFiles()
    {
        using var student = new StudentNetwork();
        student.eval();
        FaceBn = Path.Combine(_folder, "student-facebn.onnx");
        Folded = Path.Combine(_folder, "student.onnx");
        File.WriteAllBytes(FaceBn, StudentOnnxExporter.Export(student, StudentGraph.FaceBn));
        File.WriteAllBytes(Folded, StudentOnnxExporter.Export(student, StudentGraph.Folded));
    }

    public string FaceBn { get; }

    public string Folded { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
