using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

public sealed class FaceBnStateTests
{
    private static readonly int[] BatchSizes = [1, 3, 2, 5, 1, 4];

    [Fact]
    public void Folding_equals_the_BatchNorm_eval_formula()
    {
        var faces = new SyntheticFaces(seed: 1);
        var model = faces.RandomModel("v1", 5, 13);
        var state = FaceBnState.FromTraining("cam", model);
        var (means, sqMeans) = faces.RandomMoments(model, 6);
        state.Update(MomentumSchedule.Default, 6, means, sqMeans);

        for (var l = 0; l < model.Layers.Count; l++)
        {
            var bn = model.Layers[l];
            var (scale, shift) = state.Fold(l);
            for (var c = 0; c < bn.Channels; c++)
            {
                for (var k = 0; k < 50; k++)
                {
                    var x = faces.Normal(0, 3);
                    var expected = (bn.Gamma[c] * (x - state.RunningMean(l)[c]) / Math.Sqrt(state.RunningVariance(l)[c] + bn.Epsilon)) + bn.Beta[c];
                    var folded = ((float)x * scale[c]) + shift[c];
                    Assert.Equal(expected, folded, 1e-4 * Math.Max(1, Math.Abs(expected)));
                }
            }
        }
    }

    [Fact]
    public void A_new_camera_starts_from_the_training_statistics()
    {
        var model = SyntheticFaces.Model("v1", 4, 2);

        var state = FaceBnState.FromTraining("cam", model);

        Assert.Equal(0, state.FacesSeen);
        for (var l = 0; l < model.Layers.Count; l++)
        {
            Assert.Equal(model.Layers[l].RunningMean.Select(v => (double)v), state.RunningMean(l).ToArray());
            Assert.Equal(model.Layers[l].RunningVariance.Select(v => (double)v), state.RunningVariance(l).ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void With_cumulative_momentum_the_state_is_the_pooled_statistics_of_all_faces_however_batched(double priorFaces)
    {
        var faces = new SyntheticFaces(seed: 2);
        var model = faces.RandomModel("v1", 3, 7);
        var schedule = new MomentumSchedule(priorFaces, minimumPerFace: 1e-15);
        var state = FaceBnState.FromTraining("cam", model);
        var batches = BatchSizes
            .Select(n => (N: n, Moments: faces.StreamMoments(model, n, positions: 16, mean: 2, betweenSd: 1.5, withinSd: 0.7)))
            .ToArray();

        foreach (var (n, (means, sqMeans)) in batches)
        {
            state.Update(schedule, n, means, sqMeans);
        }

        var total = batches.Sum(b => b.N);
        Assert.Equal(total, state.FacesSeen);
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var bn = model.Layers[l];
            for (var c = 0; c < bn.Channels; c++)
            {
                // Pooled first and second moments: the prior counts as priorFaces faces with the training statistics.
                double sum = priorFaces * bn.RunningMean[c];
                double sumSq = priorFaces * (bn.RunningVariance[c] + ((double)bn.RunningMean[c] * bn.RunningMean[c]));
                foreach (var (n, (means, sqMeans)) in batches)
                {
                    for (var i = 0; i < n; i++)
                    {
                        sum += means[l].Span[(i * bn.Channels) + c];
                        sumSq += sqMeans[l].Span[(i * bn.Channels) + c];
                    }
                }

                var mean = sum / (priorFaces + total);
                var variance = (sumSq / (priorFaces + total)) - (mean * mean);
                Assert.Equal(mean, state.RunningMean(l)[c], 1e-9);
                Assert.Equal(variance, state.RunningVariance(l)[c], 1e-9);
            }
        }
    }

    [Fact]
    public void Moments_that_do_not_fit_the_model_are_refused_and_change_nothing()
    {
        var faces = new SyntheticFaces(seed: 3);
        var model = faces.RandomModel("v1", 3, 2);
        var state = FaceBnState.FromTraining("cam", model);
        var before = state.ToBytes();
        var (means, sqMeans) = faces.RandomMoments(model, 2);

        Assert.Throws<ArgumentException>(() => state.Update(MomentumSchedule.Default, 3, means, sqMeans));
        Assert.Throws<ArgumentException>(() => state.Update(MomentumSchedule.Default, 2, means[..1], sqMeans[..1]));
        var nan = sqMeans[1].ToArray();
        nan[^1] = float.NaN;
        Assert.Throws<ArgumentException>(() => state.Update(MomentumSchedule.Default, 2, means, [sqMeans[0], nan]));
        var negative = sqMeans[0].ToArray();
        negative[0] = -1;
        Assert.Throws<ArgumentException>(() => state.Update(MomentumSchedule.Default, 2, means, [negative, sqMeans[1]]));

        Assert.Equal(before, state.ToBytes());
    }

    [Fact]
    public void Layers_that_do_not_agree_with_gamma_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BnLayerStatistics([1, 1], [0], [0, 0], [1, 1], 1e-5));
        Assert.Throws<ArgumentException>(() => new BnLayerStatistics([1], [0], [0], [-1], 1e-5));
        Assert.Throws<ArgumentException>(() => new BnLayerStatistics([float.NaN], [0], [0], [1], 1e-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BnLayerStatistics([1], [0], [0], [1], 0));
        Assert.Throws<ArgumentException>(() => new FaceBnModel("v1", []));
    }
}
