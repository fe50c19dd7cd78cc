namespace Aird.Stream.Ingest.Worker;

/// <summary>
/// The capture times of one camera's frames, from their sequence numbers at the camera's sampling rate rather than
/// from when they were read. ffmpeg's <c>fps</c> filter spaces the frames exactly, but a busy machine reads them in
/// bursts (seen: four frames within 75 ms after a 0.8 s stall), and the tracker's velocities would follow the
/// bursts. The clock anchors on a frame and counts 1/fps per frame from it; it re-anchors on the read time when a
/// frame would otherwise be dated after it was read (the anchor was read late), when the read time runs ahead by
/// more than <see cref="MaxLag"/> (frames were lost, e.g. an outage), or when the sequence restarts.
/// </summary>
internal sealed class FrameClock
{
    public static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _step;
    private long _anchorSequence = long.MaxValue;
    private DateTimeOffset _anchorTime;

    public FrameClock(double fps)
    {
        if (!(fps > 0 && double.IsFinite(fps)))
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "A camera samples a positive, finite number of frames per second.");
        }

        Fps = fps;
        _step = TimeSpan.FromSeconds(1 / fps);
    }

    public double Fps { get; }

    /// <summary>The capture time of frame <paramref name="sequence"/>, read at <paramref name="readTime"/>. Never
    /// after the read time; never before the time given to an earlier frame of the same sequence.</summary>
    public DateTimeOffset TimeOf(long sequence, DateTimeOffset readTime)
    {
        if (sequence >= _anchorSequence)
        {
            var time = _anchorTime + ((sequence - _anchorSequence) * _step);
            if (time <= readTime && readTime - time <= MaxLag)
            {
                return time;
            }
        }

        _anchorSequence = sequence;
        _anchorTime = readTime;
        return readTime;
    }
}
