using System.ComponentModel;
using System.Diagnostics;

namespace Aird.Stream.Video;

/// <summary>
/// An ffmpeg or ffprobe child: stdout for data, stderr kept as a bounded tail for error messages. Disposing kills
/// the whole process tree and waits for it, so no ffmpeg outlives its reader or stays a zombie.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(5);

    private readonly Process process;

    private FfmpegProcess(Process process) => this.process = process;

    public StderrTail Stderr { get; } = new();

    public System.IO.Stream Output => process.StandardOutput.BaseStream;

    /// <exception cref="CameraSourceException">The program could not be started.</exception>
    public static FfmpegProcess Start(string program, IReadOnlyList<string> arguments, string cameraDescription)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var child = new FfmpegProcess(process);
        process.ErrorDataReceived += (_, e) => child.Stderr.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new CameraSourceException($"{cameraDescription}: could not start '{program}': {e.Message}", e);
        }

        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit (and the end of stderr); kills the process if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync();
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private async Task KillAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        // Waiting reaps the child; SIGKILL cannot be ignored, so the bound only guards against a hung kernel call.
        using var reap = new CancellationTokenSource(ReapTimeout);
        try
        {
            await process.WaitForExitAsync(reap.Token);
        }
        catch (OperationCanceledException)
        {
            // Leave it to the runtime's SIGCHLD handling rather than block shutdown.
        }
    }
}
