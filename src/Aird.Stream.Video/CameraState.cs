namespace Aird.Stream.Video;

public enum CameraState
{
    /// <summary>Probing or waiting for the first frame.</summary>
    Connecting,

    /// <summary>Frames are arriving.</summary>
    Connected,

    /// <summary>The last attempt failed; waiting before the next one.</summary>
    Backoff,

    /// <summary>Not running: a file that ended, or the fleet stopped the camera.</summary>
    Stopped,
}
