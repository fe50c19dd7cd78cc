using System.Diagnostics;
using Aird.Stream.Video.Tests.Support;

[assembly: AssemblyFixture(typeof(TestClips))]

namespace Aird.Stream.Video.Tests.Support;

/// <summary>Test inputs made once per run with ffmpeg's lavfi test source, in a temporary folder removed afterwards.</summary>
public sealed class TestClips : IDisposable
{
    private static readonly string[] CommonArguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"];

    public TestClips()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aird-video-tests-").FullName;
        TwoSeconds320 = Make("two-seconds-320x240.mp4", "testsrc=size=320x240:rate=25:duration=2");
        OneSecond160 = Make("one-second-160x120.mp4", "testsrc=size=160x120:rate=25:duration=1");
        Corrupt = Path.Combine(Directory, "corrupt.mp4");
        File.WriteAllBytes(Corrupt, RandomBytes(64 * 1024));
        Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=4:duration=1", "-q:v", "5", Path.Combine(Directory, "frame%02d.jpg"));
        Jpegs = [.. System.IO.Directory.GetFiles(Directory, "frame*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
    }

    public string Directory { get; }

    /// <summary>320x240, 25 fps, 2 s.</summary>
    public string TwoSeconds320 { get; }

    /// <summary>160x120, 25 fps, 1 s.</summary>
    public string OneSecond160 { get; }

    /// <summary>Random bytes named .mp4.</summary>
    public string Corrupt { get; }

    /// <summary>160x120 JPEG images for the MJPEG server.</summary>
    public IReadOnlyList<byte[]> Jpegs { get; }

    /// <summary>A copy of <paramref name="clip"/> under a new name, so that its ffmpeg can be told apart from others.</summary>
    public string CopyAs(string clip, string name)
    {
        var path = Path.Combine(Directory, name);
        File.Copy(clip, path, overwrite: true);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private string Make(string name, string lavfi)
    {
        var path = Path.Combine(Directory, name);
        Run("-f", "lavfi", "-i", lavfi, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    private static void Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in CommonArguments.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {stderr}");
        }
    }
}
