using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Aird.Stream.Training.Data;

/// <summary>
/// Degrades the faces of one epoch into batches on background threads while the trainer computes, a few batches
/// ahead. Sample k of epoch e is degraded with its own seed (run seed, e, k), so batches are identical on every run
/// however the threads interleave. A face with jittered views is shown as one of its views (the aligned chip included),
/// drawn per sample, with that view's teacher embedding as the target. With
/// <see cref="DegradationOptions.OneCameraPerBatch"/> the degradation is drawn once per batch, from seed (run seed, e, batch).
/// The last incomplete batch is dropped: BatchNorm and the relation term want full ones.
/// </summary>
public sealed class BatchLoader(TrainingSet set, Degradation degradation, int inputSize, int batchSize, int seed)
{
    private const int BatchesAhead = 3;

    public int BatchesPerEpoch => set.Faces.Count / batchSize;

    /// <summary>Batch <paramref name="index"/> of <paramref name="epoch"/>, made on the calling thread.</summary>
    public TrainingBatch Batch(int epoch, int index) => Make(epoch, Shuffled(epoch), index);

    /// <summary>The epoch's batches, from <paramref name="firstBatch"/> on.</summary>
    public async IAsyncEnumerable<TrainingBatch> Epoch(int epoch, int firstBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = Shuffled(epoch);
        var channel = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    for (var b = firstBatch; b < BatchesPerEpoch; b++)
                    {
                        await channel.Writer.WriteAsync(Make(epoch, order, b), cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            cancellationToken);

        await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }

        await producer.ConfigureAwait(false);
    }

    private TrainingBatch Make(int epoch, int[] order, int batch)
    {
        var plane = inputSize * inputSize;
        var dimension = set.EmbeddingSize;
        var inputs = new float[batchSize * 3 * plane];
        var targets = new float[batchSize * dimension];
        Parallel.For(0, batchSize, k =>
        {
            var position = (batch * batchSize) + k;
            var face = set.Faces[order[position]];
            var random = new Random(SampleSeed(epoch, position));
            var camera = degradation.Options.OneCameraPerBatch ? new Random(CameraSeed(epoch, batch)) : random;
            var (chip, teacher, teacherMirrored) = View(face, random);
            var sample = degradation.Apply(chip, set.ChipSize, random, camera);
            for (var p = 0; p < plane; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    inputs[(((k * 3) + c) * plane) + p] = sample.Rgb[(p * 3) + c];
                }
            }

            (sample.Flipped ? teacherMirrored : teacher).CopyTo(targets, k * dimension);
        });
        return new TrainingBatch(batchSize, inputs, targets);
    }

    // Without views no random number is drawn, so such a set gives the batches it gave before views existed.
    private (byte[] Chip, float[] Teacher, float[] TeacherMirrored) View(TrainingFace face, Random random)
    {
        var view = face.Jittered.Count == 0 ? 0 : random.Next(face.Jittered.Count + 1);
        if (view == 0)
        {
            return (face.Chip, face.Teacher, face.TeacherMirrored);
        }

        var jittered = face.Jittered[view - 1];
        return (jittered.Jitter.Apply(face.Chip, set.ChipSize), jittered.Teacher, jittered.TeacherMirrored);
    }

    private int[] Shuffled(int epoch)
    {
        var order = Enumerable.Range(0, set.Faces.Count).ToArray();
        new Random(SampleSeed(epoch, -1)).Shuffle(order);
        return order;
    }

    // A fixed mix (not HashCode.Combine, which is randomised per process) keeps seeds stable across runs.
    private int SampleSeed(int epoch, int position) =>
        unchecked((seed * 1_000_003) + (epoch * 7_919) + (position * 31) + 17);

    private int CameraSeed(int epoch, int batch) =>
        unchecked((seed * 999_983) + (epoch * 7_907) + (batch * 37) + 23);
}
