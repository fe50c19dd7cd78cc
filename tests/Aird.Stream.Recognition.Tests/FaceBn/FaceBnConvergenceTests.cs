using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

public sealed class FaceBnConvergenceTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(1, 1)]
    public void Running_statistics_converge_to_the_stream_statistics(int minBatch, int maxBatch)
    {
        const double StreamMean = 3, BetweenSd = 1.2, WithinSd = 1.5;
        const double StreamVariance = (BetweenSd * BetweenSd) + (WithinSd * WithinSd);
        var faces = new SyntheticFaces(seed: 20 + maxBatch);
        var model = faces.RandomModel("v1", 6, 4);
        var state = FaceBnState.FromTraining("cam", model);

        // Batches of one face each only converge because the update adds the between-batch variance.
        while (state.FacesSeen < 3000)
        {
            var n = faces.Next(minBatch, maxBatch + 1);
            var (means, sqMeans) = faces.StreamMoments(model, n, positions: 16, StreamMean, BetweenSd, WithinSd);
            state.Update(MomentumSchedule.Default, n, means, sqMeans);
        }

        for (var l = 0; l < model.Layers.Count; l++)
        {
            // The floor of 0.002 per face averages over about 500 faces: a few percent of noise remains.
            Assert.All(state.RunningMean(l).ToArray(), m => Assert.Equal(StreamMean, m, 0.2));
            Assert.All(state.RunningVariance(l).ToArray(), v => Assert.Equal(StreamVariance, v, 0.15 * StreamVariance));
        }
    }
}
