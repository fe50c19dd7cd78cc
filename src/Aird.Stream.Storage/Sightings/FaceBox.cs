namespace Aird.Stream.Storage.Sightings;

/// <summary>A face's box in source-frame pixels.</summary>
public readonly record struct FaceBox(float X, float Y, float Width, float Height);
