using Aird.Stream.Storage.Watchlists;

namespace Aird.Stream.Enrollment;

/// <summary>The result of an enrollment. <see cref="Watchlist"/> and <see cref="Subject"/> are null when no image
/// had a usable face: nothing is written then.</summary>
public sealed record EnrollmentSummary(
    IReadOnlyList<ImageResult> Images,
    StoredWatchlist? Watchlist,
    StoredSubject? Subject,
    string ModelVersion)
{
    public int Added => Images.Count(i => i.Outcome == ImageOutcome.Enrolled);

    public int AlreadyEnrolled => Images.Count(i => i.Outcome == ImageOutcome.AlreadyEnrolled);

    public int Failed => Images.Count(i => !i.HasFace);

    /// <summary>Whether the subject has at least one face of this model from these images.</summary>
    public bool Succeeded => Images.Any(i => i.HasFace);
}
