namespace Aird.Stream.Enrollment;

/// <summary>Expands the paths given to enrollment into image files.</summary>
internal static class EnrollmentImages
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm",
    };

    /// <summary>Files as given (whatever their extension: a wrong one is reported when it does not decode); the
    /// image files of folders and their subfolders in ordinal order. Duplicates are listed once. A path that is
    /// neither stays in the list, to be reported as missing.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var found = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal)
                : (IEnumerable<string>)[path];
            files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(f))));
        }

        return files;
    }
}
