using System.Globalization;
using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Evaluation.Reporting;
using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// Runs the protocols of docs/evaluation.md for one embedder: embeds each image variant once (HR or s px, cached on
/// disk), then scores pairs by cosine similarity (embeddings are L2-normalised) or identifies probes in a gallery.
/// </summary>
public sealed class EvaluationRunner(
    EvaluationFaces faces,
    FaceEmbedder embedder,
    EmbeddingCache cache,
    IProgress<EvaluationProgress>? progress = null)
{
    private const string HighResolution = "hr";

    /// <summary>One row per protocol: HR-HR, one-side LR at each size, both-side LR at each size.</summary>
    public IReadOnlyList<LabelledCurve> Verify(
        IReadOnlyList<FacePair> pairs,
        bool highResolution,
        IReadOnlyList<int> oneSideSizes,
        IReadOnlyList<int> bothSideSizes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var first = pairs.Select(p => FacePair.ImagePath(p.NameA, p.ImageA)).ToArray();
        var second = pairs.Select(p => FacePair.ImagePath(p.NameB, p.ImageB)).ToArray();
        var same = pairs.Select(p => p.SameIdentity).ToArray();
        var all = first.Concat(second).Distinct(StringComparer.Ordinal).ToArray();
        var rows = new List<LabelledCurve>();

        var hr = Embeddings(all, null, cancellationToken);
        if (highResolution)
        {
            rows.Add(Row(ProtocolNames.HighResolution, null, "HR-HR", Scores(hr, first, hr, second), same));
        }

        foreach (var s in oneSideSizes)
        {
            var lr = Embeddings(second, s, cancellationToken);
            rows.Add(Row(ProtocolNames.OneSideLowResolution, s, $"HR vs {s} px", Scores(hr, first, lr, second), same));
        }

        foreach (var s in bothSideSizes)
        {
            var lr = Embeddings(all, s, cancellationToken);
            rows.Add(Row(ProtocolNames.BothSideLowResolution, s, $"{s} px vs {s} px", Scores(lr, first, lr, second), same));
        }

        return rows;
    }

    /// <summary>
    /// Open-set identification: identities with at least two images are enrolled with their first image (HR); their
    /// other images are mated probes, and the single image of every other identity a non-mated probe, all at s px.
    /// </summary>
    public LabelledCurve Identify(IReadOnlyList<(string Name, int Images)> people, int sizePx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var enrolled = people.Where(p => p.Images >= 2).ToArray();
        var gallery = enrolled.Select(p => FacePair.ImagePath(p.Name, 1)).ToArray();
        var mated = enrolled
            .SelectMany(p => Enumerable.Range(2, p.Images - 1).Select(i => (p.Name, Path: FacePair.ImagePath(p.Name, i))))
            .ToArray();
        var nonMated = people.Where(p => p.Images == 1).Select(p => (p.Name, Path: FacePair.ImagePath(p.Name, 1))).ToArray();

        var galleryEmbeddings = Embeddings(gallery, null, cancellationToken);
        var probeEmbeddings = Embeddings(mated.Concat(nonMated).Select(p => p.Path).ToArray(), sizePx, cancellationToken);
        var galleryVectors = gallery.Select(path => galleryEmbeddings[path]).ToArray();

        OpenSetProbe Probe(string name, string path, bool isMated)
        {
            var vector = probeEmbeddings[path];
            var (best, bestScore) = (-1, double.NegativeInfinity);
            for (var g = 0; g < galleryVectors.Length; g++)
            {
                var score = Dot(vector, galleryVectors[g]);
                if (score > bestScore)
                {
                    (best, bestScore) = (g, score);
                }
            }

            return new OpenSetProbe(isMated, isMated && enrolled[best].Name == name, bestScore);
        }

        var probes = mated.Select(p => Probe(p.Name, p.Path, true))
            .Concat(nonMated.Select(p => Probe(p.Name, p.Path, false)))
            .ToList();
        var result = OpenSetIdentification.Evaluate(probes);
        return new LabelledCurve(ReportRow.FromOpenSet(sizePx, result), $"{sizePx} px probes", result.Det);
    }

    private static LabelledCurve Row(string protocol, int? sizePx, string label, double[] scores, bool[] same)
    {
        var result = Verification.Evaluate(scores, same);
        return new LabelledCurve(ReportRow.FromVerification(protocol, sizePx, result), label, result.Roc);
    }

    private static double[] Scores(
        Dictionary<string, float[]> a, string[] first, Dictionary<string, float[]> b, string[] second) =>
        first.Select((path, i) => Dot(a[path], b[second[i]])).ToArray();

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return sum;
    }

    /// <summary>Embeddings of the given images at one variant, computing (in batches) only what the cache lacks.</summary>
    private Dictionary<string, float[]> Embeddings(IReadOnlyList<string> paths, int? sizePx, CancellationToken cancellationToken)
    {
        var variant = sizePx is { } s ? s.ToString("'lr'00", CultureInfo.InvariantCulture) : HighResolution;
        var stage = sizePx is { } px ? $"embed {px} px" : "embed HR";
        var known = cache.Load(variant);
        var missing = paths.Distinct(StringComparer.Ordinal).Where(p => !known.ContainsKey(p)).ToArray();
        var inputSize = embedder.Model.ChipSize;
        for (var start = 0; start < missing.Length; start += embedder.MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = missing.Skip(start).Take(embedder.MaxBatchSize).ToArray();
            var inputs = batch
                .Select(path => (ReadOnlyMemory<byte>)ChipResampler.ToModelInput(faces.Chip(path), EvaluationFaces.Spec.Size, sizePx, inputSize))
                .ToList();
            var vectors = embedder.Embed(inputs, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                known[batch[i]] = vectors[i];
            }

            progress?.Report(new EvaluationProgress(stage, start + batch.Length, missing.Length));
        }

        if (missing.Length > 0)
        {
            cache.Save(variant, known);
        }

        return known;
    }
}
