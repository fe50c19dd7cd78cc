using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests;

/// <summary>Detectors shared by the tests of one class: sessions take a while to load.</summary>
public sealed class DetectorFixture : IDisposable
{
    private readonly Lazy<BlazeFaceDetector> _portraits = new(() => TestAssets.CreateDetector(32, 160));
    private readonly Lazy<BlazeFaceDetector> _smallFaces = new(() => TestAssets.CreateDetector(20, 48));

    /// <summary>For LFW-like photos: one face of 50-150 px.</summary>
    internal BlazeFaceDetector Portraits => _portraits.Value;

    /// <summary>For surveillance frames: faces of 20-48 px.</summary>
    internal BlazeFaceDetector SmallFaces => _smallFaces.Value;

    public void Dispose()
    {
        if (_portraits.IsValueCreated)
        {
            _portraits.Value.Dispose();
        }

        if (_smallFaces.IsValueCreated)
        {
            _smallFaces.Value.Dispose();
        }
    }
}
