namespace Aird.Stream.Video.Tests;

public sealed class FfmpegArgumentsTests
{
    [Fact]
    public void A_looping_file_is_read_in_real_time_and_sampled()
    {
        var args = FfmpegArguments.Decode(new CameraOptions { Url = "/c/a.mp4", Fps = 2.5, Loop = true }, 640, 480);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -re -stream_loop -1 -i /c/a.mp4 -an -vf fps=2.5,scale=640:480 -f rawvideo -pix_fmt bgr24 pipe:1",
            string.Join(' ', args));
    }

    [Theory]
    [InlineData("rtsp://cam/x", "-rtsp_transport tcp -i rtsp://cam/x")]
    [InlineData("/dev/video0", "-f v4l2 -i /dev/video0")]
    [InlineData("http://cam/x", "-nostdin -use_wallclock_as_timestamps 1 -i http://cam/x")]
    public void Live_inputs_get_their_transport_options_and_no_pacing(string url, string expected)
    {
        var args = string.Join(' ', FfmpegArguments.Decode(new CameraOptions { Url = url }, 320, 240));

        Assert.Contains(expected, args, StringComparison.Ordinal);
        Assert.DoesNotContain("-re", args.Split(' '));
    }

    [Fact]
    public void The_probe_asks_for_the_first_video_streams_size_without_pacing()
    {
        Assert.Equal(
            "-hide_banner -loglevel error -rtsp_transport tcp -i rtsp://cam/x -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x",
            string.Join(' ', FfmpegArguments.Probe(new CameraOptions { Url = "rtsp://cam/x" })));
        Assert.DoesNotContain("-re", FfmpegArguments.Probe(new CameraOptions { Url = "/a.mp4", Loop = true }));
    }

    [Theory]
    [InlineData("320x240\n", 320, 240)]
    [InlineData("1920x1080\n1920x1080\n", 1920, 1080)]
    public void Probe_output_is_parsed(string output, int width, int height) =>
        Assert.Equal((width, height), FfmpegArguments.ParseSize(output));

    [Theory]
    [InlineData("")]
    [InlineData("N/AxN/A")]
    [InlineData("0x240")]
    [InlineData("320")]
    public void Anything_else_is_no_size(string output) => Assert.Null(FfmpegArguments.ParseSize(output));
}
