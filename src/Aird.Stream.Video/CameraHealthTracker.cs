namespace Aird.Stream.Video;

/// <summary>The mutable health of one running camera: written by its worker and the frame queue, read as snapshots.</summary>
internal sealed class CameraHealthTracker(string cameraId, TimeProvider time)
{
    private static readonly TimeSpan FpsWindow = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly FpsMeter fps = new(FpsWindow);
    private CameraState state = CameraState.Connecting;
    private DateTimeOffset stateSince = time.GetUtcNow();
    private long framesTotal;
    private long framesDropped;
    private DateTimeOffset? lastFrameTime;
    private string? lastError;
    private int reconnects;

    public string CameraId => cameraId;

    public void Connecting() => SetState(CameraState.Connecting);

    public void Stopped() => SetState(CameraState.Stopped);

    public void Frame(DateTimeOffset frameTime)
    {
        lock (gate)
        {
            if (state != CameraState.Connected)
            {
                state = CameraState.Connected;
                stateSince = frameTime;
            }

            framesTotal++;
            lastFrameTime = frameTime;
            fps.Record(frameTime);
        }
    }

    /// <summary>The attempt failed; the worker waits and reconnects. Returns the number of this reconnect.</summary>
    public int Failed(string error)
    {
        lock (gate)
        {
            state = CameraState.Backoff;
            stateSince = time.GetUtcNow();
            lastError = error;
            return ++reconnects;
        }
    }

    public void Dropped()
    {
        lock (gate)
        {
            framesDropped++;
        }
    }

    public CameraHealth Snapshot()
    {
        lock (gate)
        {
            return new CameraHealth(
                cameraId, state, fps.Rate(time.GetUtcNow()), framesTotal, framesDropped, lastFrameTime, lastError, reconnects, stateSince);
        }
    }

    private void SetState(CameraState next)
    {
        lock (gate)
        {
            state = next;
            stateSince = time.GetUtcNow();
        }
    }
}
