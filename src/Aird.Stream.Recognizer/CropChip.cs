namespace Aird.Stream.Recognizer;

/// <summary>One decoded crop on its way into a batch: the camera it came from and its RGB chip (HWC bytes).</summary>
internal sealed record CropChip(string CameraId, ReadOnlyMemory<byte> Rgb);
