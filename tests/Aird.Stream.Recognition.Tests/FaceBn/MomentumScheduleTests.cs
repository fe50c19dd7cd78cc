using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

public sealed class MomentumScheduleTests
{
    [Fact]
    public void Warm_up_is_the_cumulative_average_with_the_training_statistics_worth_the_prior_faces()
    {
        var schedule = new MomentumSchedule(priorFaces: 16, minimumPerFace: 0.002);

        Assert.Equal(4.0 / 20, schedule.For(facesSeen: 0, batchFaces: 4), 12);
        Assert.Equal(8.0 / 124, schedule.For(facesSeen: 100, batchFaces: 8), 12);
    }

    [Fact]
    public void Without_a_prior_the_first_batch_replaces_the_training_statistics()
    {
        Assert.Equal(1.0, new MomentumSchedule(priorFaces: 0).For(0, 3));
    }

    [Fact]
    public void After_warm_up_the_floor_forgets_a_fixed_share_per_face_whatever_the_batch_size()
    {
        var schedule = new MomentumSchedule(priorFaces: 16, minimumPerFace: 0.002);

        Assert.Equal(0.002, schedule.For(1_000_000, 1), 12);
        var oneBatchOfFive = schedule.For(1_000_000, 5);
        var fiveBatchesOfOne = 1 - Math.Pow(1 - schedule.For(1_000_000, 1), 5);
        Assert.Equal(fiveBatchesOfOne, oneBatchOfFive, 12);
    }

    [Fact]
    public void During_warm_up_two_batches_weigh_the_same_as_one_batch_of_their_faces()
    {
        var schedule = new MomentumSchedule(priorFaces: 16, minimumPerFace: 1e-9);

        var kept = (1 - schedule.For(10, 3)) * (1 - schedule.For(13, 5));

        Assert.Equal(1 - schedule.For(10, 8), kept, 12);
    }

    [Fact]
    public void Momentum_never_grows_as_a_camera_sees_more_faces()
    {
        var schedule = MomentumSchedule.Default;
        var previous = double.MaxValue;
        for (long seen = 0; seen < 5000; seen += 7)
        {
            var m = schedule.For(seen, 4);
            Assert.InRange(m, 0, previous);
            previous = m;
        }
    }

    [Theory]
    [InlineData(-1, 0.01)]
    [InlineData(double.NaN, 0.01)]
    [InlineData(double.PositiveInfinity, 0.01)]
    [InlineData(16, 0)]
    [InlineData(16, 1)]
    [InlineData(16, double.NaN)]
    public void Invalid_settings_are_refused(double priorFaces, double minimumPerFace)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumSchedule(priorFaces, minimumPerFace));
    }

    [Fact]
    public void An_empty_batch_or_negative_history_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.Default.For(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.Default.For(-1, 1));
    }
}
