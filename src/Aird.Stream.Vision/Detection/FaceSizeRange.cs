using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>The configured face widths, with slack: detections far outside them are clutter that the coarse
/// tiles see as faces (measured: on textured backgrounds most false positives are 2-4x the largest face).</summary>
internal readonly record struct FaceSizeRange(int MinFacePx, int MaxFacePx)
{
    // Predicted box widths of true faces spread about +-15% around the face width (measured on pasted LFW
    // faces), and a face just outside the configured range should still be found.
    private const float Slack = 1.25f;

    public bool Admits(RectangleF box) => box.Width >= MinFacePx / Slack && box.Width <= MaxFacePx * Slack;
}
