using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Protocols;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// The open-set identification sets of a people list: identities with at least two images are enrolled with their
/// first image; their other images are mated probes, and the single image of every other identity a non-mated probe.
/// </summary>
internal sealed class IdentificationSets
{
    private IdentificationSets(string[] enrolledNames, string[] gallery, (string Name, string Path, bool Mated)[] probes)
    {
        EnrolledNames = enrolledNames;
        Gallery = gallery;
        Probes = probes;
    }

    public string[] EnrolledNames { get; }

    public string[] Gallery { get; }

    public (string Name, string Path, bool Mated)[] Probes { get; }

    public static IdentificationSets Of(IReadOnlyList<(string Name, int Images)> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var enrolled = people.Where(p => p.Images >= 2).ToArray();
        var mated = enrolled.SelectMany(p => Enumerable.Range(2, p.Images - 1).Select(i => (p.Name, FacePair.ImagePath(p.Name, i), true)));
        var nonMated = people.Where(p => p.Images == 1).Select(p => (p.Name, FacePair.ImagePath(p.Name, 1), false));
        return new IdentificationSets(
            enrolled.Select(p => p.Name).ToArray(),
            enrolled.Select(p => FacePair.ImagePath(p.Name, 1)).ToArray(),
            mated.Concat(nonMated).ToArray());
    }

    /// <summary>Each probe's best gallery match by cosine similarity (L2-normalised embeddings).</summary>
    public OpenSetResult Score(IReadOnlyDictionary<string, float[]> gallery, IReadOnlyDictionary<string, float[]> probes)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(probes);
        var galleryVectors = Gallery.Select(path => gallery[path]).ToArray();
        var scored = Probes.Select(probe =>
        {
            var vector = probes[probe.Path];
            var (best, bestScore) = (-1, double.NegativeInfinity);
            for (var g = 0; g < galleryVectors.Length; g++)
            {
                var score = Similarity.Cosine(vector, galleryVectors[g]);
                if (score > bestScore)
                {
                    (best, bestScore) = (g, score);
                }
            }

            return new OpenSetProbe(probe.Mated, probe.Mated && EnrolledNames[best] == probe.Name, bestScore);
        }).ToList();
        return OpenSetIdentification.Evaluate(scored);
    }
}
