using System.Drawing;

namespace Aird.Stream.Vision.Alignment;

/// <summary>A 2-D similarity (rotation, uniform scale, translation, no reflection):
/// x' = A x - B y + Tx, y' = B x + A y + Ty, where A = s cos(theta), B = s sin(theta).</summary>
internal readonly record struct Similarity(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt((A * A) + (B * B));

    public PointF Apply(PointF p) =>
        new((float)((A * p.X) - (B * p.Y) + Tx), (float)((B * p.X) + (A * p.Y) + Ty));

    /// <summary>The similarity that undoes this one (rotation by -theta, scale 1/s).</summary>
    public Similarity Inverse()
    {
        var norm = (A * A) + (B * B);
        var a = A / norm;
        var b = -B / norm;
        return new Similarity(a, b, -((a * Tx) - (b * Ty)), -((b * Tx) + (a * Ty)));
    }

    /// <summary>Least-squares similarity taking <paramref name="from"/> onto <paramref name="to"/> (Umeyama 1991,
    /// restricted to 2-D, where the rotation has a closed form); null when the source points coincide.</summary>
    public static Similarity? Estimate(ReadOnlySpan<PointF> from, ReadOnlySpan<PointF> to)
    {
        if (from.Length != to.Length || from.Length < 2)
        {
            throw new ArgumentException("Need two equally long lists of at least 2 points.");
        }

        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (var i = 0; i < from.Length; i++)
        {
            fx += from[i].X;
            fy += from[i].Y;
            tx += to[i].X;
            ty += to[i].Y;
        }

        var n = from.Length;
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;

        // With centred points p (source) and q (target), the optimum is A = sum(p.q) / sum|p|^2 and
        // B = sum(p x q) / sum|p|^2 (cross product z-component).
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var px = from[i].X - fx;
            var py = from[i].Y - fy;
            var qx = to[i].X - tx;
            var qy = to[i].Y - ty;
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }

        if (norm < 1e-9)
        {
            return null;
        }

        var a = dot / norm;
        var b = cross / norm;
        return new Similarity(a, b, tx - ((a * fx) - (b * fy)), ty - ((b * fx) + (a * fy)));
    }
}
