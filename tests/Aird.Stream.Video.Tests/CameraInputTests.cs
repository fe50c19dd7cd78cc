namespace Aird.Stream.Video.Tests;

public sealed class CameraInputTests
{
    [Theory]
    [InlineData("/clips/a.mp4", "File")]
    [InlineData("clips/a.mkv", "File")]
    [InlineData("rtsp://10.0.0.5:554/h264", "Rtsp")]
    [InlineData("RTSPS://cam/x", "Rtsp")]
    [InlineData("http://cam/mjpg/video.mjpg", "Http")]
    [InlineData("https://cam/x", "Http")]
    [InlineData("/dev/video0", "Device")]
    [InlineData("srt://cam:9000", "Other")]
    public void Urls_are_classified(string url, string kind) => Assert.Equal(kind, CameraInput.KindOf(url).ToString());

    [Theory]
    [InlineData("rtsp://admin:s3cret@10.0.0.5:554/h264?user=x", "rtsp://***@10.0.0.5:554/h264?user=x")]
    [InlineData("http://user@cam/path@x", "http://***@cam/path@x")]
    [InlineData("rtsp://cam/x", "rtsp://cam/x")]
    [InlineData("/clips/a@b.mp4", "/clips/a@b.mp4")]
    public void Credentials_are_redacted(string url, string shown) => Assert.Equal(shown, CameraInput.Redact(url));
}
