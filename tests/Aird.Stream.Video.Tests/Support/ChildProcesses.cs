namespace Aird.Stream.Video.Tests.Support;

/// <summary>Reads /proc to find the ffmpeg and ffprobe processes working on a given input.</summary>
public static class ChildProcesses
{
    public static IReadOnlyList<int> FfmpegFor(string input)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // It exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (argv.Length > 0 && Path.GetFileName(argv[0]) is "ffmpeg" or "ffprobe" && argv.Contains(input))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
