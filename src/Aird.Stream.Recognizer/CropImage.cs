using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using OpenCvSharp;

namespace Aird.Stream.Recognizer;

/// <summary>Turns a <see cref="FaceCrop"/>'s image into the model's RGB chip, refusing images that cannot be one.</summary>
internal static class CropImage
{
    /// <summary>The crop as a <paramref name="chipSize"/> x <paramref name="chipSize"/> RGB chip (HWC bytes), resized if needed.</summary>
    /// <exception cref="MessageRejectedException">
    /// The image does not decode, its size differs from the one the crop states, or it is not square: no retry can help.
    /// </exception>
    public static byte[] ToRgbChip(FaceCrop crop, int chipSize)
    {
        ArgumentNullException.ThrowIfNull(crop);
        using var bgr = Decode(crop);
        if (bgr.Width != bgr.Height)
        {
            throw new MessageRejectedException($"the {bgr.Width}x{bgr.Height} image is not a square aligned chip");
        }

        using var rgb = new Mat();
        if (bgr.Width == chipSize)
        {
            Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        }
        else
        {
            // Area averaging when shrinking avoids aliasing; cubic keeps edges when enlarging a small face.
            using var resized = new Mat();
            Cv2.Resize(bgr, resized, new Size(chipSize, chipSize), 0, 0, bgr.Width > chipSize ? InterpolationFlags.Area : InterpolationFlags.Cubic);
            Cv2.CvtColor(resized, rgb, ColorConversionCodes.BGR2RGB);
        }

        var chip = new byte[chipSize * chipSize * 3];
        using (var packed = rgb.IsContinuous() ? rgb : rgb.Clone())
        {
            System.Runtime.InteropServices.Marshal.Copy(packed.Data, chip, 0, chip.Length);
        }

        return chip;
    }

    private static Mat Decode(FaceCrop crop)
    {
        var declared = $"{crop.ImageWidth}x{crop.ImageHeight}";
        if (crop.ImageWidth == 0 || crop.ImageHeight == 0 || crop.ImageWidth > 4096 || crop.ImageHeight > 4096)
        {
            throw new MessageRejectedException($"the stated image size {declared} is not that of a face chip");
        }

        var bytes = crop.Image.ToByteArray();
        Mat image;
        switch (crop.Encoding)
        {
            case ImageEncoding.Png or ImageEncoding.Jpeg:
                image = Cv2.ImDecode(bytes, ImreadModes.Color);
                if (image.Empty())
                {
                    image.Dispose();
                    throw new MessageRejectedException($"the {bytes.Length} image bytes do not decode as {crop.Encoding}");
                }

                break;
            case ImageEncoding.Bgr24:
                var expected = (long)crop.ImageWidth * crop.ImageHeight * 3;
                if (bytes.Length != expected)
                {
                    throw new MessageRejectedException($"a {declared} BGR24 image has {expected} bytes, this one {bytes.Length}");
                }

                using (var view = Mat.FromPixelData((int)crop.ImageHeight, (int)crop.ImageWidth, MatType.CV_8UC3, bytes))
                {
                    image = view.Clone();
                }

                break;
            default:
                throw new MessageRejectedException($"the image encoding {crop.Encoding} is not one the recognizer reads");
        }

        if (image.Width != crop.ImageWidth || image.Height != crop.ImageHeight)
        {
            var actual = $"{image.Width}x{image.Height}";
            image.Dispose();
            throw new MessageRejectedException($"the image is {actual}, the crop states {declared}");
        }

        return image;
    }
}
