namespace Aird.Stream.Enrollment;

/// <summary>What became of one enrollment image.</summary>
public enum ImageOutcome
{
    /// <summary>A face was embedded and stored.</summary>
    Enrolled,

    /// <summary>A face was embedded, but this subject already had it (same image, same model): nothing was added.</summary>
    AlreadyEnrolled,

    /// <summary>The file is missing or is not an image OpenCV decodes.</summary>
    Unreadable,

    /// <summary>The image is smaller than the smallest usable face.</summary>
    TooSmall,

    /// <summary>The detector found no face.</summary>
    NoFace,
}
