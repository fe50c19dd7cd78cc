using System.Security.Cryptography;
using System.Text;

namespace Aird.Stream.Matching.Alerts;

/// <summary>
/// Alert ids as a function of what the alert is about. A track alerts at most once per subject and watchlist, so
/// (camera, track, watchlist, subject) names one alert, and a replay after a crash derives the very id it stored.
/// </summary>
internal static class AlertIds
{
    public static string For(string cameraId, string trackId, Guid watchlistId, Guid? subjectId)
    {
        // NUL cannot occur in the ids (PostgreSQL text refuses it), so the joined form is unambiguous.
        var key = string.Join('\0', cameraId, trackId, watchlistId.ToString("N"), subjectId?.ToString("N") ?? "unknown");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }
}
