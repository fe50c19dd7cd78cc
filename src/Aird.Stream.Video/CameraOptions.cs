namespace Aird.Stream.Video;

/// <summary>One camera of <see cref="CamerasOptions"/>. A record, so that a changed entry is found by value equality.</summary>
public sealed record CameraOptions
{
    /// <summary>Stable identifier: the Kafka key, the metric tag and the name in every log line and error.</summary>
    public string Id { get; set; } = "";

    /// <summary>
    /// What ffmpeg opens: a file path, <c>rtsp://</c>, <c>http(s)://</c> (e.g. MJPEG), a V4L2 device such as
    /// <c>/dev/video0</c>, or any other ffmpeg input. Credentials in the URL are never logged.
    /// </summary>
    public string Url { get; set; } = "";

    /// <summary>Frames per second sampled from the input (ffmpeg's <c>fps</c> filter); the rest are never converted.</summary>
    public double Fps { get; set; } = 5;

    /// <summary>Files only: start again at the end instead of stopping.</summary>
    public bool Loop { get; set; }

    /// <summary>Smallest face side in pixels worth detecting on this camera; null for the detector's default.</summary>
    public int? MinFacePx { get; set; }

    /// <summary>Largest face side in pixels expected on this camera; null for the detector's default.</summary>
    public int? MaxFacePx { get; set; }

    public bool Enabled { get; set; } = true;
}
