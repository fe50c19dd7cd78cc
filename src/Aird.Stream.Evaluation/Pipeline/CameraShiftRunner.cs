using Aird.Stream.Evaluation.Degradations;
using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Evaluation.Reporting;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// The camera-shift protocol of docs/evaluation.md: each simulated camera's probes (one-side LR verification and
/// open-set identification) are streamed in a fixed order through the FaceBN student with adaptation off (training
/// statistics) and on (one FaceBN state per camera, updated batch by batch). The gallery is always HR with the
/// training statistics. The warm-up curve freezes a camera's state after its first n faces and re-embeds all its
/// verification probes with it: how many faces FaceBN needs before it helps.
/// </summary>
public sealed class CameraShiftRunner(EvaluationFaces faces, FaceBnSession session, IProgress<EvaluationProgress>? progress = null)
{
    public static IReadOnlyList<int> WarmupFaces { get; } = [0, 16, 32, 64, 128, 256, 512];

    public CameraShiftResult Run(
        IReadOnlyList<FacePair> pairs,
        IReadOnlyList<(string Name, int Images)>? people,
        IReadOnlyList<CameraProfile> cameras,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(cameras);
        var rows = new List<LabelledCurve>();
        var warmup = new List<FaceBnWarmupPoint>();
        var sets = people is null ? null : IdentificationSets.Of(people);
        var galleryPaths = pairs.Select(p => FacePair.ImagePath(p.NameA, p.ImageA)).Concat(sets?.Gallery ?? []);
        var gallery = Embed(Start("gallery"), StableOrder.Of(galleryPaths), null, adapt: false, cancellationToken);
        var same = pairs.Select(p => p.SameIdentity).ToArray();

        foreach (var camera in cameras)
        {
            var probes = StableOrder.Of(pairs.Select(p => FacePair.ImagePath(p.NameB, p.ImageB)));
            var chips = Render(camera, probes);
            double[] Scores(float[][] vectors)
            {
                var byPath = probes.Select((path, i) => (path, i)).ToDictionary(x => x.path, x => vectors[x.i], StringComparer.Ordinal);
                return pairs.Select(p => Similarity.Cosine(gallery[FacePair.ImagePath(p.NameA, p.ImageA)], byPath[FacePair.ImagePath(p.NameB, p.ImageB)])).ToArray();
            }

            foreach (var adapt in new[] { false, true })
            {
                var result = Verification.Evaluate(Scores(Start(camera.Name).Embed(chips, adapt, cancellationToken)), same);
                rows.Add(new LabelledCurve(
                    ReportRow.FromVerification(ProtocolNames.CameraShift, camera.SizePx, result, adapt, camera.Name),
                    $"camera {camera.Name}{(adapt ? ", FaceBN" : string.Empty)}",
                    result.Roc));
            }

            var stream = Start(camera.Name);
            var streamed = 0;
            foreach (var n in WarmupFaces.Where(n => n <= chips.Count))
            {
                stream.Embed(chips.Skip(streamed).Take(n - streamed).ToList(), adapt: true, cancellationToken);
                streamed = n;
                var frozen = stream.Snapshot().Embed(chips, adapt: false, cancellationToken);
                warmup.Add(new FaceBnWarmupPoint(camera.Name, n, Verification.Evaluate(Scores(frozen), same).Accuracy));
            }

            progress?.Report(new EvaluationProgress($"camera {camera.Name}", 1, sets is null ? 1 : 2));
            if (sets is not null)
            {
                var identificationProbes = StableOrder.Of(sets.Probes.Select(p => p.Path));
                var identificationChips = Render(camera, identificationProbes);
                foreach (var adapt in new[] { false, true })
                {
                    var vectors = Start(camera.Name).Embed(identificationChips, adapt, cancellationToken);
                    var byPath = identificationProbes.Select((path, i) => (path, i)).ToDictionary(x => x.path, x => vectors[x.i], StringComparer.Ordinal);
                    var result = sets.Score(gallery, byPath);
                    rows.Add(new LabelledCurve(
                        ReportRow.FromOpenSet(camera.SizePx, result, adapt, camera.Name),
                        $"camera {camera.Name}{(adapt ? ", FaceBN" : string.Empty)}",
                        result.Det));
                }

                progress?.Report(new EvaluationProgress($"camera {camera.Name}", 2, 2));
            }
        }

        return new CameraShiftResult(rows, warmup);
    }

    private FaceBnCamera Start(string camera) => FaceBnCamera.Start(session, camera, MomentumSchedule.Default);

    private List<ReadOnlyMemory<byte>> Render(CameraProfile camera, IReadOnlyList<string> paths) =>
        paths.Select(path => (ReadOnlyMemory<byte>)camera.Render(faces.Chip(path), EvaluationFaces.Spec.Size, session.ChipSize, path)).ToList();

    private Dictionary<string, float[]> Embed(FaceBnCamera camera, List<string> paths, int? sizePx, bool adapt, CancellationToken cancellationToken)
    {
        var chips = paths.Select(path => (ReadOnlyMemory<byte>)ChipResampler.ToModelInput(faces.Chip(path), EvaluationFaces.Spec.Size, sizePx, session.ChipSize)).ToList();
        var vectors = camera.Embed(chips, adapt, cancellationToken);
        return paths.Select((path, i) => (path, i)).ToDictionary(x => x.path, x => vectors[x.i], StringComparer.Ordinal);
    }
}
