using Aird.Stream.Video.Synthetic;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>One LFW person of the demo: where the clip shows them (image 1 of theirs) and, when
/// <see cref="Enrolled"/>, the other images they are enrolled from.</summary>
internal sealed record DemoPerson(ClipPerson Clip, bool Enrolled, IReadOnlyList<int> EnrollmentImages)
{
    /// <summary>The subject's display name: the LFW name with spaces.</summary>
    public string DisplayName => Clip.Name.Replace('_', ' ');
}
