using System.Diagnostics;
using Aird.Stream.Video.Tests.Support;

namespace Aird.Stream.Video.Tests;

/// <summary>FfmpegFrameSource against real ffmpeg and real files and ports.</summary>
public sealed class FfmpegFrameSourceTests(TestClips clips)
{
    private static readonly CamerasOptions Settings = new() { StallTimeoutMs = 5_000 };

    [Fact]
    public async Task A_file_yields_frames_of_its_size_sampled_at_the_configured_fps_in_real_time()
    {
        var source = new FfmpegFrameSource(new CameraOptions { Id = "door", Url = clips.TwoSeconds320, Fps = 5 }, Settings);
        var frames = new List<(long Sequence, DateTimeOffset Time, int Width, int Height, int Bytes, bool Blank)>();
        var clock = Stopwatch.StartNew();

        await foreach (var frame in source.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                frames.Add((frame.Sequence, frame.CaptureTime, frame.Width, frame.Height, frame.Bgr.Length, !frame.Bgr.Span.ContainsAnyExcept((byte)0)));
            }
        }

        // 2 s sampled at 5 fps: 10 frames, paced like a live camera (-re), not decoded as fast as possible.
        Assert.InRange(frames.Count, 9, 11);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 15);
        Assert.All(frames, f => Assert.Equal((320, 240, 320 * 240 * 3, false), (f.Width, f.Height, f.Bytes, f.Blank)));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Sequence));
        Assert.All(frames, f => Assert.Equal(TimeSpan.Zero, f.Time.Offset));
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First.Time <= p.Second.Time), "capture times must not go back");
    }

    [Fact]
    public async Task A_looping_file_keeps_going_past_its_end_and_stopping_kills_ffmpeg()
    {
        var clip = clips.CopyAs(clips.OneSecond160, "loop.mp4");
        var source = new FfmpegFrameSource(new CameraOptions { Id = "loop", Url = clip, Fps = 10, Loop = true }, Settings);
        var count = 0;

        await foreach (var frame in source.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            frame.Dispose();
            Assert.NotEmpty(ChildProcesses.FfmpegFor(clip));
            if (++count == 25)
            {
                break; // 2.5 times the file's 10 sampled frames.
            }
        }

        Assert.Equal(25, count);
        Assert.Empty(ChildProcesses.FfmpegFor(clip));
    }

    [Fact]
    public async Task Without_loop_the_source_ends_after_the_file()
    {
        var source = new FfmpegFrameSource(new CameraOptions { Id = "once", Url = clips.OneSecond160, Fps = 10 }, Settings);
        var count = 0;

        await foreach (var frame in source.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            frame.Dispose();
            count++;
        }

        Assert.InRange(count, 9, 11);
    }

    [Fact]
    public async Task Cancelling_a_read_kills_ffmpeg()
    {
        var clip = clips.CopyAs(clips.OneSecond160, "cancel.mp4");
        var source = new FfmpegFrameSource(new CameraOptions { Id = "cancel", Url = clip, Fps = 10, Loop = true }, Settings);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in source.ReadFramesAsync(cancel.Token))
            {
                frame.Dispose();
                await cancel.CancelAsync();
            }
        });

        Assert.Empty(ChildProcesses.FfmpegFor(clip));
    }

    [Fact]
    public async Task A_corrupt_file_fails_naming_the_camera_and_quoting_ffmpeg()
    {
        var source = new FfmpegFrameSource(new CameraOptions { Id = "lobby", Url = clips.Corrupt }, Settings);

        var error = await Assert.ThrowsAsync<CameraSourceException>(() => ReadAllAsync(source));

        Assert.Contains("Camera 'lobby'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtsp://{0}@127.0.0.1:{1}/x")]
    [InlineData("http://{0}@127.0.0.1:{1}/")]
    public async Task An_unreachable_camera_fails_fast_without_showing_its_password(string template)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "admin:s3cret", FreePort.Get());
        var source = new FfmpegFrameSource(new CameraOptions { Id = "gate", Url = url }, Settings);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CameraSourceException>(() => ReadAllAsync(source));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Contains("Camera 'gate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_that_freezes_with_its_connection_open_fails_after_the_stall_timeout_and_ffmpeg_is_killed()
    {
        await using var server = new MjpegServer(clips.Jpegs, port: 0);
        // Long enough for ffprobe and ffmpeg to start on a loaded machine: the stall timer also covers the start.
        var settings = new CamerasOptions { StallTimeoutMs = 5_000 };
        var source = new FfmpegFrameSource(new CameraOptions { Id = "frozen", Url = server.Url, Fps = 5 }, settings);
        var frames = 0;

        var error = await Assert.ThrowsAsync<CameraSourceException>(async () =>
        {
            await foreach (var frame in source.ReadFramesAsync(TestContext.Current.CancellationToken))
            {
                frame.Dispose();
                server.Paused = ++frames >= 2;
            }
        });

        Assert.True(frames >= 2, $"{frames} frames before the freeze");
        Assert.Contains("Camera 'frozen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no frame for 5 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(ChildProcesses.FfmpegFor(server.Url));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_a_clear_camera_error()
    {
        var settings = new CamerasOptions { FfprobePath = "/nonexistent/ffprobe" };
        var source = new FfmpegFrameSource(new CameraOptions { Id = "x", Url = clips.OneSecond160 }, settings);

        var error = await Assert.ThrowsAsync<CameraSourceException>(() => ReadAllAsync(source));

        Assert.Contains("could not start '/nonexistent/ffprobe'", error.Message, StringComparison.Ordinal);
    }

    private static async Task ReadAllAsync(FfmpegFrameSource source)
    {
        await foreach (var frame in source.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            frame.Dispose();
        }
    }
}
