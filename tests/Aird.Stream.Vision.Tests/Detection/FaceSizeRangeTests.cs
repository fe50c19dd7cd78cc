using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class FaceSizeRangeTests
{
    [Theory]
    [InlineData(16, true)]
    [InlineData(12.8, true)]
    [InlineData(12.7, false)]
    [InlineData(48, true)]
    [InlineData(60, true)]
    [InlineData(60.1, false)]
    public void Boxes_within_a_quarter_of_the_configured_range_are_admitted(float width, bool admitted)
    {
        var range = new FaceSizeRange(16, 48);

        Assert.Equal(admitted, range.Admits(new RectangleF(0, 0, width, width)));
    }
}
