using Aird.Stream.Training.Data;

namespace Aird.Stream.Training.Tests.Data;

public class BatchLoaderTests
{
    private const int Faces = 4;
    private const int Views = 3;
    private const int InputSize = 16;
    private static readonly DegradationOptions Clean = new() { CleanShare = 1 };

    [Fact]
    public void Every_view_of_a_face_is_shown_with_its_own_teacher_target()
    {
        var loader = new BatchLoader(JitteredSets.Make(Faces, Views), new Degradation(Clean, InputSize), InputSize, Faces, seed: 1);
        var inputs = new Dictionary<(int Face, int View, bool Mirrored), float[]>();

        for (var epoch = 0; epoch < 40; epoch++)
        {
            var batch = loader.Batch(epoch, 0);
            for (var k = 0; k < batch.Count; k++)
            {
                var shown = JitteredSets.Decode(batch.Targets.AsSpan(k * Faces * (Views + 1), Faces * (Views + 1)), Views);
                var input = batch.Inputs.AsSpan(k * 3 * InputSize * InputSize, 3 * InputSize * InputSize).ToArray();

                // The same view of the same face, same orientation, undegraded, is always the same input.
                if (inputs.TryGetValue(shown, out var earlier))
                {
                    Assert.Equal(earlier, input);
                }

                inputs[shown] = input;
            }
        }

        Assert.Equal(Faces * (Views + 1), inputs.Keys.Select(s => (s.Face, s.View)).Distinct().Count());
        var unmirrored = inputs.Where(i => !i.Key.Mirrored).ToList();
        Assert.Equal(unmirrored.Count, unmirrored.Select(i => Convert.ToBase64String(i.Value.SelectMany(BitConverter.GetBytes).ToArray())).Distinct().Count());
    }

    [Fact]
    public void A_set_without_views_shows_the_aligned_chip_alone()
    {
        var loader = new BatchLoader(JitteredSets.Make(Faces, 0), new Degradation(Clean, InputSize), InputSize, Faces, seed: 1);

        var shown = Enumerable.Range(0, 10).SelectMany(epoch =>
        {
            var batch = loader.Batch(epoch, 0);
            return Enumerable.Range(0, batch.Count).Select(k => JitteredSets.Decode(batch.Targets.AsSpan(k * Faces, Faces), 0));
        });

        Assert.All(shown, s => Assert.Equal(0, s.View));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_camera_per_batch_leaves_a_whole_batch_clean_or_degrades_all_of_it(bool oneCameraPerBatch)
    {
        var set = JitteredSets.Make(Faces, 0);
        var options = new DegradationOptions { CleanShare = 0.5, FlipProbability = 0, OneCameraPerBatch = oneCameraPerBatch };
        var loader = new BatchLoader(set, new Degradation(options, InputSize), InputSize, Faces, seed: 1);
        var cleanLoader = new BatchLoader(set, new Degradation(Clean with { FlipProbability = 0 }, InputSize), InputSize, Faces, seed: 1);
        var cleanInputs = Inputs(cleanLoader.Batch(0, 0)).ToDictionary(s => s.Face, s => s.Input);

        var cleanPerBatch = Enumerable.Range(0, 40)
            .Select(epoch => Inputs(loader.Batch(epoch, 0)).Count(s => s.Input.SequenceEqual(cleanInputs[s.Face])))
            .ToList();

        Assert.Contains(0, cleanPerBatch);
        Assert.Contains(Faces, cleanPerBatch);
        Assert.Equal(oneCameraPerBatch, cleanPerBatch.All(n => n is 0 or Faces));
    }

    private static IEnumerable<(int Face, float[] Input)> Inputs(TrainingBatch batch)
    {
        var length = 3 * InputSize * InputSize;
        return Enumerable.Range(0, batch.Count).Select(k =>
            (JitteredSets.Decode(batch.Targets.AsSpan(k * Faces, Faces), 0).Face, batch.Inputs.AsSpan(k * length, length).ToArray()));
    }
}
