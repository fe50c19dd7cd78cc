using System.Drawing;
using Aird.Stream.Vision.Alignment;

namespace Aird.Stream.Vision.Tests.Alignment;

public class SimilarityTests
{
    private static readonly PointF[] Source = [new(10, 20), new(60, 18), new(37, 50), new(35, 80)];

    [Theory]
    [InlineData(30, 1.7, 12.5, -40)]
    [InlineData(-170, 0.25, 300, 7)]
    [InlineData(0, 1, 0, 0)]
    public void A_known_similarity_is_recovered_exactly(double degrees, double scale, double tx, double ty)
    {
        var angle = degrees * Math.PI / 180;
        var truth = new Similarity(scale * Math.Cos(angle), scale * Math.Sin(angle), tx, ty);
        var target = Source.Select(truth.Apply).ToArray();

        var fit = Similarity.Estimate(Source, target);

        Assert.NotNull(fit);
        Assert.Equal(truth.A, fit.Value.A, 5);
        Assert.Equal(truth.B, fit.Value.B, 5);
        Assert.Equal(truth.Tx, fit.Value.Tx, 3);
        Assert.Equal(truth.Ty, fit.Value.Ty, 3);
        Assert.Equal(scale, fit.Value.Scale, 5);
    }

    [Fact]
    public void A_mirrored_target_gives_the_best_rotation_not_a_reflection()
    {
        var mirrored = Source.Select(p => new PointF(-p.X, p.Y)).ToArray();

        var fit = Similarity.Estimate(Source, mirrored);

        Assert.NotNull(fit);
        Assert.True(fit.Value.Scale < 1, "a reflection is not a similarity; the best fit shrinks instead");
    }

    [Fact]
    public void Coinciding_source_points_have_no_similarity()
    {
        PointF[] same = [new(5, 5), new(5, 5), new(5, 5)];

        Assert.Null(Similarity.Estimate(same, Source.AsSpan(0, 3)));
    }

    [Fact]
    public void Point_lists_of_different_length_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Similarity.Estimate(Source, Source.AsSpan(0, 3)));
    }

    [Fact]
    public void The_inverse_takes_every_point_back()
    {
        var angle = 35 * Math.PI / 180;
        var forward = new Similarity(2.5 * Math.Cos(angle), 2.5 * Math.Sin(angle), -40, 310);

        var back = forward.Inverse();

        foreach (var p in Source)
        {
            var again = back.Apply(forward.Apply(p));
            Assert.Equal(p.X, again.X, 3);
            Assert.Equal(p.Y, again.Y, 3);
        }

        Assert.Equal(1 / 2.5, back.Scale, 6);
    }
}
