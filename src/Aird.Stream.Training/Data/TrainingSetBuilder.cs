using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Training.Data;

/// <summary>
/// Builds the <see cref="TrainingSet"/> of a people list: chips by the service's own detection and alignment
/// (<see cref="EvaluationFaces"/>), then teacher embeddings, in batches, of each chip, of its mirror image and of the
/// same two for every jittered view (jitters drawn from <paramref name="seed"/>, so a set is the same on every run).
/// </summary>
public static class TrainingSetBuilder
{
    public static TrainingSet Build(
        IReadOnlyList<(string Name, int Images)> people,
        EvaluationFaces faces,
        FaceEmbedder teacher,
        ChipJitterOptions jitter,
        int seed,
        IProgress<EvaluationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(jitter);
        if (teacher.Model.ChipSize != EvaluationFaces.Spec.Size)
        {
            throw new ArgumentException($"The teacher takes {teacher.Model.ChipSize} px chips, the training chips are {EvaluationFaces.Spec.Size} px.", nameof(teacher));
        }

        var images = people
            .SelectMany((person, identity) => Enumerable.Range(1, person.Images).Select(i => (Path: FacePair.ImagePath(person.Name, i), Identity: identity)))
            .ToArray();
        var chips = new byte[images.Length][];
        var done = 0;
        Parallel.For(
            0,
            images.Length,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                chips[i] = faces.Chip(images[i].Path);
                var count = Interlocked.Increment(ref done);
                if (count % 64 == 0 || count == images.Length)
                {
                    progress?.Report(new EvaluationProgress("align", count, images.Length));
                }
            });

        var random = new Random(seed);
        var jitters = images.Select(_ => Enumerable.Range(0, jitter.Views).Select(_ => ChipJitter.Draw(random, jitter)).ToArray()).ToArray();
        var result = new TrainingFace[images.Length];
        for (var start = 0; start < images.Length; start += teacher.MaxBatchSize)
        {
            var count = Math.Min(teacher.MaxBatchSize, images.Length - start);
            var batch = chips.AsSpan(start, count).ToArray();
            var (plain, mirrored) = EmbedWithMirror(teacher, batch, cancellationToken);
            var views = Enumerable.Range(0, count).Select(_ => new JitteredView[jitter.Views]).ToArray();
            for (var v = 0; v < jitter.Views; v++)
            {
                var jittered = batch.Select((chip, k) => jitters[start + k][v].Apply(chip, EvaluationFaces.Spec.Size)).ToArray();
                var (jitteredPlain, jitteredMirrored) = EmbedWithMirror(teacher, jittered, cancellationToken);
                for (var k = 0; k < count; k++)
                {
                    views[k][v] = new JitteredView(jitters[start + k][v], jitteredPlain[k], jitteredMirrored[k]);
                }
            }

            for (var k = 0; k < count; k++)
            {
                var (path, identity) = images[start + k];
                result[start + k] = new TrainingFace(path, identity, batch[k], plain[k], mirrored[k], views[k]);
            }

            progress?.Report(new EvaluationProgress("teacher", start + count, images.Length));
        }

        return new TrainingSet(EvaluationFaces.Spec.Size, result, people.Count);
    }

    private static (IReadOnlyList<float[]> Plain, IReadOnlyList<float[]> Mirrored) EmbedWithMirror(
        FaceEmbedder teacher, byte[][] chips, CancellationToken cancellationToken) =>
        (teacher.Embed(chips.Select(c => (ReadOnlyMemory<byte>)c).ToList(), cancellationToken),
         teacher.Embed(chips.Select(c => (ReadOnlyMemory<byte>)RgbChips.Mirrored(c, EvaluationFaces.Spec.Size)).ToList(), cancellationToken));
}
