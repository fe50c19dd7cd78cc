using Xunit;

namespace Aird.Stream.Testing;

/// <summary>Resources the tests need, found relative to the repository root (the folder with Aird.Stream.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The git-ignored cache deploy/setup.sh fills with the npm model packages.</summary>
    public static string Cache => Path.Combine(Root, ".cache");

    public static string FaceApiModelFolder => Path.Combine(Cache, "models", "@vladmandic", "face-api", "model");

    public static string ReferenceFolder => Path.Combine(Root, "tests", "reference");

    /// <summary>LFW in its original layout, shared between checkouts and never copied into the repository.</summary>
    public static string Lfw
    {
        get
        {
            var lfw = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "lfw"));
            Assert.True(Directory.Exists(lfw), $"LFW is missing at '{lfw}' (expected at ../shared/data/lfw from the repository root).");
            return lfw;
        }
    }

    /// <summary>Fails (never skips) when deploy/setup.sh has not fetched the face-api model.</summary>
    public static string RequireFaceApiModel()
    {
        Assert.True(
            File.Exists(Path.Combine(FaceApiModelFolder, "face_recognition_model.bin")),
            $"The face-api model is missing under '{FaceApiModelFolder}': run deploy/setup.sh.");
        return FaceApiModelFolder;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Aird.Stream.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Aird.Stream.sln above '{AppContext.BaseDirectory}'.");
    }
}
