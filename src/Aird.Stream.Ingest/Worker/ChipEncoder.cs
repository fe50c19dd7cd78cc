using Aird.Stream.Contracts;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Worker;

/// <summary>Encodes an aligned BGR chip for a <see cref="FaceCrop"/>.</summary>
internal static class ChipEncoder
{
    private const int JpegQuality = 95;

    public static bool Supports(ImageEncoding encoding) =>
        encoding is ImageEncoding.Png or ImageEncoding.Jpeg or ImageEncoding.Bgr24;

    public static byte[] Encode(Mat chip, ImageEncoding encoding)
    {
        switch (encoding)
        {
            case ImageEncoding.Png:
                Cv2.ImEncode(".png", chip, out var png);
                return png;
            case ImageEncoding.Jpeg:
                Cv2.ImEncode(".jpg", chip, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
                return jpeg;
            case ImageEncoding.Bgr24:
                if (chip.IsContinuous())
                {
                    return chip.AsSpan<byte>().ToArray();
                }

                using (var copy = chip.Clone())
                {
                    return copy.AsSpan<byte>().ToArray();
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Crops are encoded as Png, Jpeg or Bgr24.");
        }
    }
}
