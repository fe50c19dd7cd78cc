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

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
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
