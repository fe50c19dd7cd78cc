using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aird.Stream.Video;

/// <summary>
/// Decodes one camera with an ffmpeg child process, as NVRs do: ffprobe finds the frame size, then ffmpeg writes
/// fixed-size bgr24 frames at the camera's fps to a pipe. Each enumeration is one connection; it ends normally only
/// when a file (without <see cref="CameraOptions.Loop"/>) is finished, and throws <see cref="CameraSourceException"/>
/// when the camera cannot be opened, stalls, fails or (live streams) ends. Ending the enumeration kills ffmpeg.
/// </summary>
public sealed class FfmpegFrameSource
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    private readonly CameraOptions camera;
    private readonly CamerasOptions settings;
    private readonly TimeProvider time;
    private readonly string description;
    private long nextSequence;

    public FfmpegFrameSource(CameraOptions camera, CamerasOptions settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(settings);
        this.camera = camera;
        this.settings = settings;
        this.time = time ?? TimeProvider.System;
        description = $"Camera '{camera.Id}' ({CameraInput.Redact(camera.Url)})";
    }

    private TimeSpan StallTimeout => TimeSpan.FromMilliseconds(settings.StallTimeoutMs);

    /// <summary>
    /// Connects and yields frames until the input ends; the caller disposes every frame it receives. One enumeration
    /// at a time: sequence numbers continue from the previous one.
    /// </summary>
    public async IAsyncEnumerable<CameraFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (width, height) = await ProbeAsync(cancellationToken);
        await using var ffmpeg = FfmpegProcess.Start(settings.FfmpegPath, FfmpegArguments.Decode(camera, width, height), description);
        while (await ReadFrameAsync(ffmpeg, width, height, cancellationToken) is { } frame)
        {
            yield return frame;
        }
    }

    private async Task<(int Width, int Height)> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var ffprobe = FfmpegProcess.Start(settings.FfprobePath, FfmpegArguments.Probe(camera), description);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        string output;
        try
        {
            using var reader = new StreamReader(ffprobe.Output);
            output = await reader.ReadToEndAsync(stall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"ffprobe found no video within {StallTimeout.TotalSeconds:0.#} s", ffprobe);
        }

        var exitCode = await ffprobe.WaitForExitAsync(ExitTimeout, cancellationToken);
        if (exitCode != 0)
        {
            throw Failure($"ffprobe exited with code {exitCode}", ffprobe);
        }

        return FfmpegArguments.ParseSize(output) ?? throw Failure($"ffprobe found no video stream (printed '{output.Trim()}')", ffprobe);
    }

    /// <summary>The next frame, or null when the file ended cleanly.</summary>
    private async Task<CameraFrame?> ReadFrameAsync(FfmpegProcess ffmpeg, int width, int height, CancellationToken cancellationToken)
    {
        var frameBytes = checked(width * height * 3);
        var buffer = ArrayPool<byte>.Shared.Rent(frameBytes);
        int read;
        using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stall.CancelAfter(StallTimeout);
            try
            {
                read = await ffmpeg.Output.ReadAtLeastAsync(buffer.AsMemory(0, frameBytes), frameBytes, throwOnEndOfStream: false, stall.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw Failure($"no frame for {StallTimeout.TotalSeconds:0.#} s", ffmpeg);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        if (read == frameBytes)
        {
            return new CameraFrame(camera.Id, nextSequence++, time.GetUtcNow(), width, height, buffer);
        }

        // A short read is the end of the pipe: ffmpeg exited or is about to; its exit code says how.
        ArrayPool<byte>.Shared.Return(buffer);
        var exitCode = await ffmpeg.WaitForExitAsync(ExitTimeout, cancellationToken);
        if (exitCode != 0)
        {
            throw Failure($"ffmpeg exited with code {exitCode}", ffmpeg);
        }

        return CameraInput.KindOf(camera.Url) == CameraInputKind.File
            ? null
            : throw Failure("the stream ended", ffmpeg);
    }

    private CameraSourceException Failure(string what, FfmpegProcess process)
    {
        // ffmpeg quotes the URL it failed on, credentials included.
        var stderr = process.Stderr.ToString().Replace(camera.Url, CameraInput.Redact(camera.Url), StringComparison.Ordinal);
        return new CameraSourceException(string.Create(CultureInfo.InvariantCulture, $"{description}: {what}: {stderr}"));
    }
}
