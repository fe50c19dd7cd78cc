using Aird.Stream.Contracts;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>Small face-crop messages whose face id says which camera sent them and in which order.</summary>
public static class Crops
{
    public static FaceCrop Create(string cameraId, int sequence, uint schemaVersion = SchemaVersions.Current) => new()
    {
        Header = new MessageHeader { SchemaVersion = schemaVersion, CameraId = cameraId, FaceId = FaceId(cameraId, sequence) },
        Quality = 0.5f,
    };

    public static string FaceId(string cameraId, int sequence) => $"{cameraId}/{sequence}";

    public static int SequenceOf(FaceCrop crop) => int.Parse(crop.Header.FaceId.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
}
