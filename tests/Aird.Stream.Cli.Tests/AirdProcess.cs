using System.Diagnostics;
using System.Globalization;
using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

/// <summary>The built <c>aird</c> executable run as a child process, as a user runs it.</summary>
internal sealed class AirdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private AirdProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static AirdProcess Start(params string[] args) => new(AirdExecutable.Start(args));

    /// <summary>Runs aird to completion (at most a minute) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        RunAsync(TimeSpan.FromSeconds(60), args);

    /// <summary>Runs aird to completion (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        await using var aird = Start(args);
        var stdout = await aird._process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        return (await aird.WaitForExitAsync(timeout), stdout, await aird._stderr);
    }

    public Task<string?> ReadLineAsync(TimeSpan timeout) =>
        _process.StandardOutput.ReadLineAsync().WaitAsync(timeout, TestContext.Current.CancellationToken);

    /// <summary>
    /// Sends SIGINT, as Ctrl+C in a terminal does. Where the tests themselves run in the background of a
    /// non-interactive shell (e.g. <c>bash deploy/test.sh &amp;</c>), POSIX has SIGINT ignored there and every child
    /// inherits that, so .NET never sees it; the same graceful stop is then asked for with SIGTERM, which aird handles
    /// through the same cancellation.
    /// </summary>
    public async Task InterruptAsync()
    {
        var signal = IgnoresSigint(_process.Id) ? "-TERM" : "-INT";
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Whether the process ignores SIGINT: bit 1 (signal 2) of the SigIgn mask in /proc/PID/status.</summary>
    private static bool IgnoresSigint(int pid)
    {
        var ignored = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (ulong.Parse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0b10) != 0;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public Task<string> StderrAsync() => _stderr;

    public Task<string> ReadToEndAsync() => _process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
