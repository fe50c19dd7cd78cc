using System.Globalization;
using Aird.Stream.Contracts;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Aird.Stream.Ingest.Worker;

/// <summary>The <see cref="FaceCrop"/> message of a <see cref="FaceShot"/>.</summary>
internal static class CropMessages
{
    public static FaceCrop Create(string cameraId, FaceShot shot, ImageEncoding encoding, string detectorVersion)
    {
        var face = shot.Detection;
        var crop = new FaceCrop
        {
            Header = new MessageHeader
            {
                SchemaVersion = SchemaVersions.Current,
                CameraId = cameraId,
                CaptureTime = Timestamp.FromDateTimeOffset(shot.CaptureTime),

                // Version 7 ids sort by the capture time, which keeps storage indexes on them append-mostly.
                FaceId = Guid.CreateVersion7(shot.CaptureTime).ToString(),
                TrackId = shot.TrackId.ToString(CultureInfo.InvariantCulture),
                Models = new ModelVersions { Detector = detectorVersion },
            },
            Bbox = new BoundingBox { X = face.Box.X, Y = face.Box.Y, Width = face.Box.Width, Height = face.Box.Height },
            DetectorScore = face.Score,
            Quality = (float)shot.Quality,
            Encoding = encoding,
            Image = ByteString.CopyFrom(shot.Image),
            ImageWidth = (uint)shot.ImageSize,
            ImageHeight = (uint)shot.ImageSize,
            AlignmentFallback = shot.AlignmentFallback,
            FrameWidth = (uint)shot.FrameWidth,
            FrameHeight = (uint)shot.FrameHeight,
        };
        crop.Keypoints.AddRange(face.Keypoints.Select(p => new Point { X = p.X, Y = p.Y }));
        return crop;
    }
}
