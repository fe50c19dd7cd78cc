using System.Globalization;
using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Evaluation.Reporting;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// Runs the protocols of docs/evaluation.md for one model: embeds each image variant once (HR gallery or s px probes,
/// cached on disk unless the model adapts to its probes), then scores pairs by cosine similarity (embeddings are
/// L2-normalised) or identifies probes in a gallery. Probes are embedded in a fixed pseudo-random order of their
/// paths, so a model that adapts to a probe stream sees a stream that does not group images by identity.
/// </summary>
public sealed class EvaluationRunner(
    EvaluationFaces faces,
    EvaluatedModel model,
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
        var sets = IdentificationSets.Of(people);
        var gallery = Embeddings(sets.Gallery, null, cancellationToken);
        var probes = Embeddings(sets.Probes.Select(p => p.Path).ToArray(), sizePx, cancellationToken);
        var result = sets.Score(gallery, probes);
        return new LabelledCurve(ReportRow.FromOpenSet(sizePx, result, model.AdaptsToProbes), $"{sizePx} px probes", result.Det);
    }

    // Probes (s px) go through FaceBN when the model adapts to them; HR images are the gallery side.
    private LabelledCurve Row(string protocol, int? sizePx, string label, double[] scores, bool[] same)
    {
        var result = Verification.Evaluate(scores, same);
        return new LabelledCurve(ReportRow.FromVerification(protocol, sizePx, result, sizePx is not null && model.AdaptsToProbes), label, result.Roc);
    }

    private static double[] Scores(
        Dictionary<string, float[]> a, string[] first, Dictionary<string, float[]> b, string[] second) =>
        first.Select((path, i) => Similarity.Cosine(a[path], b[second[i]])).ToArray();

    /// <summary>Embeddings of the given images at one variant, computing (in batches) only what the cache lacks.</summary>
    private Dictionary<string, float[]> Embeddings(IReadOnlyList<string> paths, int? sizePx, CancellationToken cancellationToken)
    {
        var variant = sizePx is { } s ? s.ToString("'lr'00", CultureInfo.InvariantCulture) : HighResolution;
        var stage = sizePx is { } px ? $"embed {px} px" : "embed HR";
        var streamed = sizePx is not null && model.AdaptsToProbes;
        var known = streamed ? new Dictionary<string, float[]>(StringComparer.Ordinal) : cache.Load(variant);
        var missing = StableOrder.Of(paths.Where(p => !known.ContainsKey(p)));
        // Chunks keep the progress bar moving; a streamed (adapting) model gets its probes as one stream at the end.
        const int Chunk = 64;
        var chips = new List<ReadOnlyMemory<byte>>(missing.Count);
        var embedded = new List<float[]>(missing.Count);
        for (var start = 0; start < missing.Count; start += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = missing.Skip(start).Take(Chunk)
                .Select(path => (ReadOnlyMemory<byte>)ChipResampler.ToModelInput(faces.Chip(path), EvaluationFaces.Spec.Size, sizePx, model.ChipSize))
                .ToList();
            if (streamed)
            {
                chips.AddRange(chunk);
            }
            else
            {
                embedded.AddRange(sizePx is null ? model.EmbedGallery(chunk, cancellationToken) : model.EmbedProbes(variant, chunk, cancellationToken));
            }

            progress?.Report(new EvaluationProgress(stage, start + chunk.Count, missing.Count));
        }

        if (streamed)
        {
            embedded.AddRange(model.EmbedProbes(variant, chips, cancellationToken));
        }

        for (var i = 0; i < missing.Count; i++)
        {
            known[missing[i]] = embedded[i];
        }

        if (missing.Count > 0 && !streamed)
        {
            cache.Save(variant, known);
        }

        return known;
    }
}
