namespace Aird.Stream.Ingest.BestShots;

/// <summary>The quality of one face and its components, each in [0, 1].</summary>
/// <param name="Size">Face width from the camera's minimum (0) to its maximum (1) face size.</param>
/// <param name="Sharpness">Variance of the Laplacian, saturating.</param>
/// <param name="Detector">The detector's score.</param>
/// <param name="Frontalness">Eyes level, nose midway between them (1: frontal, 0: profile).</param>
/// <param name="Total">The weighted mean of the components.</param>
public readonly record struct FaceQualityScore(double Size, double Sharpness, double Detector, double Frontalness, double Total);
