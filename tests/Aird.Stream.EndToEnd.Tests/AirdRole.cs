using System.Collections.Concurrent;
using System.Diagnostics;
using Aird.Stream.Testing;

namespace Aird.Stream.EndToEnd.Tests;

/// <summary>One <c>aird</c> process (a role or a tool) of the built executable, with its output kept for diagnosis.</summary>
internal sealed class AirdRole : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly BlockingCollection<string> _stdout = [];

    private AirdRole(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _stdout.Add(line);
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stderr (its logs).</summary>
    public string StderrTail => string.Join('\n', _stderr);

    public static AirdRole Start(string name, params string[] args) => new(name, AirdExecutable.Start(args));

    /// <summary>Runs a command to completion and returns its exit code and stdout.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        await using var role = Start(args[0], args);
        await role._process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        role._process.WaitForExit();
        return (role._process.ExitCode, string.Join('\n', role._stdout), role.StderrTail);
    }

    public string? ReadLine(TimeSpan timeout) => _stdout.TryTake(out var line, timeout) ? line : null;

    /// <summary>SIGKILL: the process gets no chance to commit offsets, flush or save anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stdout.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stderr.Enqueue(line);
        while (_stderr.Count > KeptLines)
        {
            _stderr.TryDequeue(out _);
        }
    }
}
