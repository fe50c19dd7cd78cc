using System.Drawing;
using System.Globalization;
using Aird.Stream.Video.Synthetic;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// Who the demo clip shows and how: LFW DevTest people with at least <see cref="MinImages"/> images, picked with a
/// seed. Each walks along a lane of their own (so a face's height in the frame tells whose it is), at a face width
/// between 16 and 40 px, entering one after the other; the first <c>enrolled</c> of them are enrolled from their
/// other images, the rest are passers-by nobody enrolled. Pure.
/// </summary>
internal static class DemoCast
{
    /// <summary>One image for the clip, at least two others to enroll from.</summary>
    public const int MinImages = 3;

    /// <summary>Enrollment uses at most this many of a person's other images.</summary>
    public const int MaxEnrollmentImages = 4;

    private static readonly int[] FaceWidths = [16, 20, 24, 28, 32, 36, 40];

    /// <param name="peopleLines">peopleDevTest.txt: a count, then "Name\tImages" lines.</param>
    public static IReadOnlyList<DemoPerson> Create(
        IEnumerable<string> peopleLines, int people, int enrolled, TimeSpan duration, int width, int height, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(people, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(enrolled, people);
        var eligible = peopleLines
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 2 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= MinImages)
            .Select(f => (Name: f[0], Images: int.Parse(f[1], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (eligible.Length < people)
        {
            throw new InvalidDataException($"The people list names {eligible.Length} people with at least {MinImages} images; the demo needs {people}.");
        }

        new Random(seed).Shuffle(eligible);
        var laneHeight = height / (double)people;

        // Entries spread over the first half of the clip and each walk takes 45 % of it, so all end in time; slow
        // enough for the tracker at a few sampled frames per second.
        var stagger = duration.TotalSeconds * 0.5 / people;
        var walk = Math.Max(4, duration.TotalSeconds * 0.45);
        return eligible.Take(people).Select((p, i) =>
        {
            var y = (float)((i + 0.5) * laneHeight);
            var (fromX, toX) = i % 2 == 0 ? (width * 0.08f, width * 0.92f) : (width * 0.92f, width * 0.08f);
            var enters = TimeSpan.FromSeconds(0.5 + (i * stagger));
            var clip = new ClipPerson(
                p.Name,
                FaceWidths[i % FaceWidths.Length],
                new PointF(fromX, y),
                new PointF(toX, y + (float)(laneHeight * 0.1)),
                enters,
                enters + TimeSpan.FromSeconds(walk));
            var images = i < enrolled ? Enumerable.Range(2, Math.Min(p.Images - 1, MaxEnrollmentImages)).ToList() : [];
            return new DemoPerson(clip, i < enrolled, images);
        }).ToList();
    }

    /// <summary>The person whose lane holds a face centred at <paramref name="y"/>.</summary>
    public static DemoPerson ByLane(IReadOnlyList<DemoPerson> cast, float y) =>
        cast.MinBy(p => Math.Abs(((p.Clip.From.Y + p.Clip.To.Y) / 2) - y))!;
}
