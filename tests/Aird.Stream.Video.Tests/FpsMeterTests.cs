namespace Aird.Stream.Video.Tests;

public sealed class FpsMeterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steady_frames_give_their_rate_before_and_after_a_full_window()
    {
        var meter = new FpsMeter(TimeSpan.FromSeconds(5));
        Assert.Equal(0, meter.Rate(T0));

        for (var i = 0; i <= 10; i++)
        {
            meter.Record(T0.AddMilliseconds(200 * i));
        }

        Assert.Equal(5, meter.Rate(T0.AddSeconds(2)), 3);

        for (var i = 11; i <= 50; i++)
        {
            meter.Record(T0.AddMilliseconds(200 * i));
        }

        Assert.Equal(5, meter.Rate(T0.AddSeconds(10)), 1);
    }

    [Fact]
    public void A_camera_that_stops_decays_to_zero()
    {
        var meter = new FpsMeter(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 50; i++)
        {
            meter.Record(T0.AddMilliseconds(100 * i));
        }

        Assert.Equal(10, meter.Rate(T0.AddSeconds(5)), 0);
        Assert.Equal(5, meter.Rate(T0.AddSeconds(7.45)), 0);
        Assert.Equal(0, meter.Rate(T0.AddSeconds(11)));
    }
}
