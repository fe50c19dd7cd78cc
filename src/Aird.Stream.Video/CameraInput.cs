namespace Aird.Stream.Video;

/// <summary>What a camera URL points at, and the URL as it may be shown in logs and errors.</summary>
internal static class CameraInput
{
    public static CameraInputKind KindOf(string url)
    {
        if (url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            return CameraInputKind.Rtsp;
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return CameraInputKind.Http;
        }

        if (url.StartsWith("/dev/video", StringComparison.Ordinal))
        {
            return CameraInputKind.Device;
        }

        return url.Contains("://", StringComparison.Ordinal) ? CameraInputKind.Other : CameraInputKind.File;
    }

    /// <summary>Camera URLs often carry <c>user:password@</c>; that part is replaced before the URL is logged.</summary>
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        return at < 0 ? url : string.Concat(url.AsSpan(0, authorityStart), "***@", url.AsSpan(at + 1));
    }
}
