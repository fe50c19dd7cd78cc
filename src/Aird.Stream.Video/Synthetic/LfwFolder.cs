namespace Aird.Stream.Video.Synthetic;

/// <summary>Where LFW (original layout: <c>lfw-deepfunneled/Name/Name_0001.jpg</c>) lies. It is shared between
/// checkouts and never copied into the repository: a development checkout finds it at <c>../shared/data/lfw</c> from
/// its root (the folder with Aird.Stream.sln).</summary>
public static class LfwFolder
{
    /// <summary>The path of image <paramref name="imageNumber"/> (1-based) of <paramref name="name"/>.</summary>
    public static string ImagePath(string lfwFolder, string name, int imageNumber) =>
        Path.Combine(lfwFolder, "lfw-deepfunneled", name, $"{name}_{imageNumber:D4}.jpg");

    /// <summary>../shared/data/lfw beside the checkout above the current directory or, failing that, above the
    /// executable's folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No checkout was found, or LFW is not beside it.</exception>
    public static string Find()
    {
        var root = FindCheckout(Environment.CurrentDirectory) ?? FindCheckout(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"No Aird.Stream.sln above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}': pass the LFW folder explicitly.");
        var lfw = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "lfw"));
        return Directory.Exists(Path.Combine(lfw, "lfw-deepfunneled"))
            ? lfw
            : throw new DirectoryNotFoundException($"LFW is missing at '{lfw}' (expected at ../shared/data/lfw from the repository root).");
    }

    private static string? FindCheckout(string start)
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
