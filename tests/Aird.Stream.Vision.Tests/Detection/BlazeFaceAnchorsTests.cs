using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class BlazeFaceAnchorsTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void Both_variants_have_896_anchors_fine_grid_first(int inputSize)
    {
        var anchors = BlazeFaceAnchors.Create(inputSize);

        Assert.Equal(896, anchors.Length);
        var fineCell = inputSize / 16f;
        var coarseCell = inputSize / 8f;
        Assert.Equal(new PointF(fineCell / 2, fineCell / 2), anchors[0]);
        Assert.Equal(anchors[0], anchors[1]);
        Assert.Equal(new PointF(fineCell * 1.5f, fineCell / 2), anchors[2]);
        Assert.Equal(new PointF(fineCell / 2, fineCell * 1.5f), anchors[32]);
        Assert.Equal(new PointF(coarseCell / 2, coarseCell / 2), anchors[512]);
        Assert.Equal(anchors[512], anchors[517]);
        Assert.Equal(new PointF(coarseCell * 1.5f, coarseCell / 2), anchors[518]);
        Assert.Equal(new PointF(inputSize - (coarseCell / 2), inputSize - (coarseCell / 2)), anchors[^1]);
    }
}
