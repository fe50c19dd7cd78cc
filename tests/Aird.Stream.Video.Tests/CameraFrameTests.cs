namespace Aird.Stream.Video.Tests;

public sealed class CameraFrameTests
{
    [Fact]
    public void A_copied_frame_holds_exactly_its_pixels_until_disposed()
    {
        var pixels = Enumerable.Range(0, 4 * 2 * 3).Select(i => (byte)i).ToArray();

        var frame = CameraFrame.Copy("door", 7, DateTimeOffset.UnixEpoch, 4, 2, pixels);

        Assert.Equal(("door", 7L, 4, 2, 12), (frame.CameraId, frame.Sequence, frame.Width, frame.Height, frame.Stride));
        Assert.Equal(pixels, frame.Bgr.ToArray());
        frame.Dispose();
        frame.Dispose();
        Assert.Throws<ObjectDisposedException>(() => frame.Bgr);
    }

    [Fact]
    public void Pixels_that_do_not_match_the_size_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CameraFrame.Copy("door", 0, DateTimeOffset.UnixEpoch, 4, 2, new byte[23]));

        Assert.Contains("4x2 BGR takes 24 bytes, not 23", error.Message, StringComparison.Ordinal);
    }
}
