using Aird.Stream.Contracts;
using Aird.Stream.Testing;
using Google.Protobuf;
using OpenCvSharp;

namespace Aird.Stream.Recognizer.Tests.Support;

/// <summary>Face crops as ingest publishes them, with LFW faces as their images.</summary>
public static class TestCrops
{
    public static readonly (string Person, int Image)[] Faces =
        [("Aaron_Peirsol", 1), ("Aaron_Peirsol", 2), ("Abel_Pacheco", 1), ("Zico", 1), ("Abdullah_Gul", 1), ("Adam_Sandler", 1), ("Aaron_Peirsol", 3)];

    /// <summary>The LFW centre crop of face <paramref name="index"/> (150 px) subsampled to <paramref name="size"/> px, RGB HWC.</summary>
    public static byte[] Rgb(int index, int size)
    {
        var (person, image) = Faces[index % Faces.Length];
        var chip = LfwChips.CentreCrop(person, image);
        return size == LfwChips.Size ? chip : LfwChips.Subsample(chip, size);
    }

    public static byte[] Bgr(byte[] rgb)
    {
        var bgr = (byte[])rgb.Clone();
        for (var p = 0; p < bgr.Length; p += 3)
        {
            (bgr[p], bgr[p + 2]) = (bgr[p + 2], bgr[p]);
        }

        return bgr;
    }

    public static byte[] Encode(byte[] rgb, int size, string extension)
    {
        using var mat = Mat.FromPixelData(size, size, MatType.CV_8UC3, Bgr(rgb));
        return mat.ImEncode(extension);
    }

    public static FaceCrop Create(string cameraId, string faceId, ImageEncoding encoding, byte[] image, int width, int height) => new()
    {
        Header = new MessageHeader
        {
            SchemaVersion = SchemaVersions.Current,
            CameraId = cameraId,
            FaceId = faceId,
            TrackId = $"{cameraId}/track",
            CaptureTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)),
            Models = new ModelVersions { Detector = "blazeface-test" },
        },
        Bbox = new BoundingBox { X = 10, Y = 20, Width = width, Height = height },
        Quality = 0.75f,
        Encoding = encoding,
        Image = ByteString.CopyFrom(image),
        ImageWidth = (uint)width,
        ImageHeight = (uint)height,
    };

    /// <summary>A PNG crop of LFW face <paramref name="index"/> at <paramref name="size"/> px.</summary>
    public static FaceCrop Png(string cameraId, string faceId, int index, int size = LfwChips.Size) =>
        Create(cameraId, faceId, ImageEncoding.Png, Encode(Rgb(index, size), size, ".png"), size, size);
}
