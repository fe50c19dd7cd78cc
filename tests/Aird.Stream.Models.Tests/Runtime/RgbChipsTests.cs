using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Models.Tests.Runtime;

public class RgbChipsTests
{
    [Fact]
    public void Mirroring_swaps_the_pixels_of_each_row_and_keeps_their_channel_order()
    {
        // 2x2 RGB: row 0 = (1,2,3) (4,5,6); row 1 = (7,8,9) (10,11,12).
        byte[] chip = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

        var mirrored = RgbChips.Mirrored(chip, 2);

        Assert.Equal([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9], mirrored);
        Assert.Equal(chip, RgbChips.Mirrored(mirrored, 2));
    }

    [Fact]
    public void A_chip_of_the_wrong_size_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RgbChips.Mirrored(new byte[11], 2));
        Assert.Contains("12 bytes", error.Message, StringComparison.Ordinal);
    }
}
