namespace Aird.Stream.Enrollment;

/// <summary>The outcome of one image, with a sentence for the operator (why it failed, or a note such as
/// "3 faces; took the largest"). <see cref="Quality"/> is the detector's score of the enrolled face.</summary>
public sealed record ImageResult(string Path, ImageOutcome Outcome, string Message, float? Quality = null)
{
    public bool HasFace => Outcome is ImageOutcome.Enrolled or ImageOutcome.AlreadyEnrolled;
}
