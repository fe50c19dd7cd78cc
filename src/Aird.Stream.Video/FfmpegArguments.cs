using System.Globalization;

namespace Aird.Stream.Video;

/// <summary>The ffprobe and ffmpeg command lines for one camera.</summary>
internal static class FfmpegArguments
{
    /// <summary>ffprobe printing the first video stream's size as <c>WIDTHxHEIGHT</c>.</summary>
    public static IReadOnlyList<string> Probe(CameraOptions camera)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error" };
        AddInput(args, camera, forDecoding: false);
        args.AddRange(["-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x"]);
        return args;
    }

    /// <summary>
    /// ffmpeg writing <paramref name="width"/> x <paramref name="height"/> bgr24 frames at the camera's fps to stdout.
    /// The scale is a no-op for the probed size and keeps every frame that size should the stream change resolution.
    /// </summary>
    public static IReadOnlyList<string> Decode(CameraOptions camera, int width, int height)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        AddInput(args, camera, forDecoding: true);
        var filter = string.Create(CultureInfo.InvariantCulture, $"fps={camera.Fps},scale={width}:{height}");
        args.AddRange(["-an", "-vf", filter, "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"]);
        return args;
    }

    /// <summary>Parses ffprobe's <c>WIDTHxHEIGHT</c> line; null when it is not one.</summary>
    public static (int Width, int Height)? ParseSize(string probeOutput)
    {
        var line = probeOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var parts = line.Split('x', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && width > 0 && height > 0
            ? (width, height)
            : null;
    }

    private static void AddInput(List<string> args, CameraOptions camera, bool forDecoding)
    {
        switch (CameraInput.KindOf(camera.Url))
        {
            case CameraInputKind.File when forDecoding:
                // Read at the file's own pace, as a camera would deliver it.
                args.Add("-re");
                if (camera.Loop)
                {
                    args.AddRange(["-stream_loop", "-1"]);
                }

                break;
            case CameraInputKind.Rtsp:
                // UDP loses packets (smeared frames) on busy networks and is often blocked; NVRs default to TCP.
                args.AddRange(["-rtsp_transport", "tcp"]);
                break;
            case CameraInputKind.Http when forDecoding:
                // MJPEG parts carry no timestamps: without the arrival time ffmpeg assumes 25 fps and the fps filter
                // samples too few (or too many) frames.
                args.AddRange(["-use_wallclock_as_timestamps", "1"]);
                break;
            case CameraInputKind.Device:
                args.AddRange(["-f", "v4l2"]);
                break;
            default:
                break;
        }

        args.AddRange(["-i", camera.Url]);
    }
}
