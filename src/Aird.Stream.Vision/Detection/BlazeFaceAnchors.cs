using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>Anchor centres of the BlazeFace models, in input pixels, in the order of the output rows.</summary>
/// <remarks>Both variants emit 512 rows for a 16x16 grid with 2 anchors per cell, then 384 rows for an 8x8 grid
/// with 6 anchors per cell (checked against the ONNX output shapes [1,512,16] and [1,384,16]). MediaPipe's
/// anchors have a fixed unit size, so only the centres matter: the box regressors give w/h directly.</remarks>
internal static class BlazeFaceAnchors
{
    public const int FineCount = 16 * 16 * 2;
    public const int CoarseCount = 8 * 8 * 6;
    public const int Count = FineCount + CoarseCount;

    public static PointF[] Create(int inputSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        var anchors = new PointF[Count];
        var next = AddGrid(anchors, 0, cells: 16, perCell: 2, inputSize);
        AddGrid(anchors, next, cells: 8, perCell: 6, inputSize);
        return anchors;
    }

    private static int AddGrid(PointF[] anchors, int start, int cells, int perCell, int inputSize)
    {
        var i = start;
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells; col++)
            {
                var centre = new PointF((col + 0.5f) / cells * inputSize, (row + 0.5f) / cells * inputSize);
                for (var k = 0; k < perCell; k++)
                {
                    anchors[i++] = centre;
                }
            }
        }

        return i;
    }
}
