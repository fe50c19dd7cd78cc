using System.Diagnostics;

namespace Aird.Stream.Testing;

/// <summary>The built <c>aird</c> of a test project that references the Cli project (its aird.dll is copied next to
/// the test assembly), started as a child process with redirected output, as a user runs it.</summary>
public static class AirdExecutable
{
    /// <exception cref="InvalidOperationException">The process did not start.</exception>
    public static Process Start(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aird.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start aird {string.Join(' ', args)}");
    }
}
