namespace Aird.Stream.Video.Tests;

public sealed class BackoffScheduleTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void Without_jitter_the_delay_doubles_from_the_initial_value_up_to_the_maximum()
    {
        var delays = Enumerable.Range(1, 8).Select(n => BackoffSchedule.Delay(n, Initial, Max, random01: 0.5).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Theory]
    [InlineData(1, 0.0, 0.8)]
    [InlineData(1, 0.999999, 1.2)]
    [InlineData(3, 0.0, 3.2)]
    [InlineData(10, 0.0, 24)]
    [InlineData(10, 0.999999, 30)]
    public void Jitter_moves_the_delay_by_up_to_a_fifth_but_never_above_the_maximum(int failures, double random01, double seconds)
    {
        Assert.Equal(seconds, BackoffSchedule.Delay(failures, Initial, Max, random01).TotalSeconds, 3);
    }

    [Fact]
    public void A_long_outage_does_not_overflow()
    {
        Assert.Equal(Max, BackoffSchedule.Delay(int.MaxValue, Initial, Max, 0.5));
    }
}
