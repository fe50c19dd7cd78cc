using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Training.Data;

/// <summary>
/// Builds the <see cref="TrainingSet"/> of a people list: chips by the service's own detection and alignment
/// (<see cref="EvaluationFaces"/>), teacher embeddings of each chip and its mirror image in batches.
/// </summary>
public static class TrainingSetBuilder
{
    public static TrainingSet Build(
        IReadOnlyList<(string Name, int Images)> people,
        EvaluationFaces faces,
        FaceEmbedder teacher,
        IProgress<EvaluationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(teacher);
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

        var result = new TrainingFace[images.Length];
        for (var start = 0; start < images.Length; start += teacher.MaxBatchSize)
        {
            var count = Math.Min(teacher.MaxBatchSize, images.Length - start);
            var batch = chips.Skip(start).Take(count).ToArray();
            var plain = teacher.Embed(batch.Select(c => (ReadOnlyMemory<byte>)c).ToList(), cancellationToken);
            var mirrored = teacher.Embed(batch.Select(c => (ReadOnlyMemory<byte>)RgbChips.Mirrored(c, EvaluationFaces.Spec.Size)).ToList(), cancellationToken);
            for (var k = 0; k < count; k++)
            {
                var (path, identity) = images[start + k];
                result[start + k] = new TrainingFace(path, identity, batch[k], plain[k], mirrored[k]);
            }

            progress?.Report(new EvaluationProgress("teacher", start + count, images.Length));
        }

        return new TrainingSet(EvaluationFaces.Spec.Size, result, people.Count);
    }
}
