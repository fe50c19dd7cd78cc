using StbImageSharp;
using Xunit;

namespace Aird.Stream.Testing;

/// <summary>
/// Deterministic 150x150 teacher chips from LFW without any resampling: the centre crop of the 250x250
/// deep-funneled image, where the face sits at roughly the scale dlib's chips have. A managed JPEG decoder keeps
/// the pixels identical on every machine, which the committed TF.js reference descriptors depend on.
/// </summary>
public static class LfwChips
{
    public const int Size = 150;
    private const int LfwSize = 250;

    /// <summary>The chip as RGB bytes, row-major (HWC): the format tests/reference/face-api-descriptors.mjs reads.</summary>
    public static byte[] CentreCrop(string person, int number)
    {
        var path = Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled", person, $"{person}_{number:D4}.jpg");
        var image = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.RedGreenBlue);
        Assert.True(image.Width == LfwSize && image.Height == LfwSize, $"'{path}' is {image.Width}x{image.Height}, not {LfwSize}x{LfwSize}.");

        const int Offset = (LfwSize - Size) / 2;
        var chip = new byte[Size * Size * 3];
        for (var row = 0; row < Size; row++)
        {
            Array.Copy(image.Data, (((row + Offset) * LfwSize) + Offset) * 3, chip, row * Size * 3, Size * 3);
        }

        return chip;
    }

    /// <summary>Nearest-neighbour subsampling of a chip to <paramref name="size"/> px: a cheap stand-in for a small chip.</summary>
    public static byte[] Subsample(byte[] chip, int size)
    {
        var result = new byte[size * size * 3];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                var source = ((row * Size / size * Size) + (column * Size / size)) * 3;
                Array.Copy(chip, source, result, ((row * size) + column) * 3, 3);
            }
        }

        return result;
    }

    /// <summary>HWC RGB bytes of several square chips as NCHW float model input (values stay 0..255).</summary>
    public static float[] ToNchw(IReadOnlyList<byte[]> chips, int size = Size)
    {
        var plane = size * size;
        var result = new float[chips.Count * 3 * plane];
        for (var n = 0; n < chips.Count; n++)
        {
            for (var p = 0; p < plane; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    result[(((n * 3) + c) * plane) + p] = chips[n][(p * 3) + c];
                }
            }
        }

        return result;
    }
}
