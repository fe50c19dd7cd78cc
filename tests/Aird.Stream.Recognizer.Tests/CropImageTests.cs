using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Recognizer.Tests.Support;

namespace Aird.Stream.Recognizer.Tests;

public sealed class CropImageTests
{
    private const int Chip = 64;

    [Fact]
    public void A_lossless_PNG_chip_of_the_model_size_becomes_its_exact_RGB_pixels()
    {
        var rgb = TestCrops.Rgb(0, Chip);

        Assert.Equal(rgb, CropImage.ToRgbChip(TestCrops.Png("cam", "f", 0, Chip), Chip));
    }

    [Fact]
    public void A_BGR24_chip_of_the_model_size_becomes_its_exact_RGB_pixels()
    {
        var rgb = TestCrops.Rgb(2, Chip);
        var crop = TestCrops.Create("cam", "f", ImageEncoding.Bgr24, TestCrops.Bgr(rgb), Chip, Chip);

        Assert.Equal(rgb, CropImage.ToRgbChip(crop, Chip));
    }

    [Theory]
    [InlineData(150, ".png", ImageEncoding.Png)]
    [InlineData(150, ".jpg", ImageEncoding.Jpeg)]
    [InlineData(24, ".png", ImageEncoding.Png)]
    public void Chips_of_other_sizes_are_resized_to_the_model_size(int size, string extension, ImageEncoding encoding)
    {
        var rgb = TestCrops.Rgb(3, size);
        var crop = TestCrops.Create("cam", "f", encoding, TestCrops.Encode(rgb, size, extension), size, size);

        var chip = CropImage.ToRgbChip(crop, Chip);

        Assert.Equal(Chip * Chip * 3, chip.Length);

        // Same face, same colours: the mean of each channel barely moves in a resize.
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(ChannelMean(rgb, c), ChannelMean(chip, c), 3.0);
        }
    }

    [Fact]
    public void Bytes_that_are_no_image_are_rejected()
    {
        var crop = TestCrops.Create("cam", "f", ImageEncoding.Png, [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))], Chip, Chip);

        var error = Assert.Throws<MessageRejectedException>(() => CropImage.ToRgbChip(crop, Chip));
        Assert.Contains("do not decode as Png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_of_another_size_than_the_crop_states_is_rejected()
    {
        var crop = TestCrops.Png("cam", "f", 0, 48);
        crop.ImageWidth = crop.ImageHeight = 50;

        var error = Assert.Throws<MessageRejectedException>(() => CropImage.ToRgbChip(crop, Chip));
        Assert.Equal("the image is 48x48, the crop states 50x50", error.Message);
    }

    [Fact]
    public void BGR24_bytes_that_do_not_fill_the_stated_size_are_rejected()
    {
        var crop = TestCrops.Create("cam", "f", ImageEncoding.Bgr24, new byte[(Chip * Chip * 3) - 1], Chip, Chip);

        var error = Assert.Throws<MessageRejectedException>(() => CropImage.ToRgbChip(crop, Chip));
        Assert.Equal($"a {Chip}x{Chip} BGR24 image has {Chip * Chip * 3} bytes, this one {(Chip * Chip * 3) - 1}", error.Message);
    }

    [Fact]
    public void A_non_square_image_or_an_unknown_encoding_is_rejected()
    {
        var wide = TestCrops.Create("cam", "f", ImageEncoding.Bgr24, new byte[Chip * 32 * 3], Chip, 32);
        var unknown = TestCrops.Create("cam", "f", ImageEncoding.Unspecified, new byte[12], 2, 2);

        Assert.Contains("not a square", Assert.Throws<MessageRejectedException>(() => CropImage.ToRgbChip(wide, Chip)).Message, StringComparison.Ordinal);
        Assert.Contains("Unspecified", Assert.Throws<MessageRejectedException>(() => CropImage.ToRgbChip(unknown, Chip)).Message, StringComparison.Ordinal);
    }

    private static double ChannelMean(byte[] rgb, int channel) =>
        Enumerable.Range(0, rgb.Length / 3).Average(p => rgb[(p * 3) + channel]);
}
