using System.Buffers;

namespace Aird.Stream.Video;

/// <summary>
/// One decoded frame, packed BGR (3 bytes per pixel, rows of <see cref="Stride"/> bytes). The pixels live in a
/// buffer rented from <see cref="ArrayPool{T}.Shared"/>: whoever holds the frame last disposes it, and must not
/// touch <see cref="Bgr"/> afterwards (the buffer then belongs to the next frame).
/// </summary>
public sealed class CameraFrame : IDisposable
{
    private byte[]? buffer;

    internal CameraFrame(string cameraId, long sequence, DateTimeOffset captureTime, int width, int height, byte[] pooledBuffer)
    {
        CameraId = cameraId;
        Sequence = sequence;
        CaptureTime = captureTime;
        Width = width;
        Height = height;
        buffer = pooledBuffer;
    }

    /// <summary>A frame holding a pooled copy of <paramref name="bgr"/> (e.g. from another decoder, or in tests).</summary>
    public static CameraFrame Copy(string cameraId, long sequence, DateTimeOffset captureTime, int width, int height, ReadOnlySpan<byte> bgr)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bgr.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"{width}x{height} BGR takes {width * height * 3} bytes, not {bgr.Length}.", nameof(bgr));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bgr.Length);
        bgr.CopyTo(buffer);
        return new CameraFrame(cameraId, sequence, captureTime, width, height, buffer);
    }

    public string CameraId { get; }

    /// <summary>Counts the camera's frames from 0, continuing across reconnects of the same source.</summary>
    public long Sequence { get; }

    /// <summary>UTC time the frame was read from ffmpeg (cameras do not tell us when they exposed it).</summary>
    public DateTimeOffset CaptureTime { get; }

    public int Width { get; }

    public int Height { get; }

    public int Stride => Width * 3;

    public ReadOnlyMemory<byte> Bgr =>
        buffer is { } pixels ? pixels.AsMemory(0, Stride * Height) : throw new ObjectDisposedException(nameof(CameraFrame));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } pixels)
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
