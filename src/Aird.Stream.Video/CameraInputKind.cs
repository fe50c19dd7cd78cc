namespace Aird.Stream.Video;

internal enum CameraInputKind
{
    File,
    Rtsp,
    Http,
    Device,
    Other,
}
