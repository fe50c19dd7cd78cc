namespace Aird.Stream.Video;

/// <summary>A camera could not be opened or stopped delivering: the message names the camera and quotes ffmpeg.</summary>
public sealed class CameraSourceException : Exception
{
    public CameraSourceException()
    {
    }

    public CameraSourceException(string message)
        : base(message)
    {
    }

    public CameraSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
