using Aird.Stream.Ingest.Worker;

namespace Aird.Stream.Ingest.Tests.Worker;

public sealed class FrameClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Frames_read_in_a_burst_keep_their_sampling_interval()
    {
        var clock = new FrameClock(5);

        Assert.Equal(Start, clock.TimeOf(0, Start));
        Assert.Equal(Start + Ms(200), clock.TimeOf(1, Start + Ms(230)));

        // A stall, then three frames within 20 ms.
        Assert.Equal(Start + Ms(400), clock.TimeOf(2, Start + Ms(900)));
        Assert.Equal(Start + Ms(600), clock.TimeOf(3, Start + Ms(910)));
        Assert.Equal(Start + Ms(800), clock.TimeOf(4, Start + Ms(920)));
    }

    [Fact]
    public void A_frame_never_gets_a_time_after_it_was_read_and_an_outage_or_restart_re_anchors()
    {
        var clock = new FrameClock(5);
        clock.TimeOf(0, Start + Ms(300));

        // Read earlier than the late anchor predicts: the read time is the better estimate.
        Assert.Equal(Start + Ms(400), clock.TimeOf(1, Start + Ms(400)));
        Assert.Equal(Start + Ms(600), clock.TimeOf(2, Start + Ms(650)));

        // Frames lost for 5 s: time follows the read time again.
        Assert.Equal(Start + Ms(5800), clock.TimeOf(3, Start + Ms(5800)));

        // The camera restarted: sequence numbers begin again.
        Assert.Equal(Start + Ms(9000), clock.TimeOf(0, Start + Ms(9000)));
        Assert.Equal(Start + Ms(9200), clock.TimeOf(1, Start + Ms(9300)));
    }

    [Fact]
    public void The_sampling_rate_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameClock(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameClock(double.NaN));
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
