namespace Aird.Stream.Enrollment;

/// <summary>An image's final outcome, the <see cref="Done"/>-th of <see cref="Total"/>.</summary>
public readonly record struct EnrollmentProgress(int Done, int Total, ImageResult Image);
