using Aird.Stream.Storage.Watchlists;

namespace Aird.Stream.Enrollment;

/// <summary>Enroll the faces of <see cref="Images"/> (files, or folders of image files) as <see cref="Subject"/> on
/// <see cref="Watchlist"/>, which is created with <see cref="NewWatchlist"/> if it does not exist.</summary>
public sealed record EnrollmentRequest(string Watchlist, string Subject, WatchlistSettings NewWatchlist, IReadOnlyList<string> Images);
