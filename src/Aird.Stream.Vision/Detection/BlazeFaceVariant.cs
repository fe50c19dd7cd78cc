namespace Aird.Stream.Vision.Detection;

/// <summary>The two MediaPipe BlazeFace models; both have 896 anchors, they differ in input size.</summary>
public enum BlazeFaceVariant
{
    /// <summary>Back-camera model, 256x256 input: made for smaller, farther faces.</summary>
    Back256,

    /// <summary>Front-camera (selfie) model, 128x128 input.</summary>
    Front128,
}
