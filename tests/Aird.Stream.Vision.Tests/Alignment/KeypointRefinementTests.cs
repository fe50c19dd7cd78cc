using System.Drawing;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Alignment;

public class KeypointRefinementTests
{
    private const int ContextSize = 256;

    [Fact]
    public void The_context_view_is_upright_centred_and_frames_the_face_at_the_context_padding()
    {
        var face = TiltedFace(degrees: 25, scale: 1.4, at: new PointF(500, 320));

        var view = KeypointRefinement.ContextView(face, ContextSize);

        Assert.NotNull(view);
        var eyes = (view.Value.Apply(face.Keypoint(FaceKeypoint.RightEye)), view.Value.Apply(face.Keypoint(FaceKeypoint.LeftEye)));
        Assert.Equal(eyes.Item1.Y, eyes.Item2.Y, 2);
        var eyeDistance = eyes.Item2.X - eyes.Item1.X;
        // The template's eyes are 0.529 face squares apart; the face square is 1/(1 + 2 * padding) of the chip.
        Assert.Equal(0.529 * ContextSize / (1 + (2 * KeypointRefinement.ContextPadding)), eyeDistance, 0);
        var middle = (eyes.Item1.X + eyes.Item2.X) / 2;
        Assert.InRange(middle, (ContextSize / 2) - 2, (ContextSize / 2) + 2);
    }

    [Fact]
    public void Keypoints_found_in_the_context_view_are_mapped_back_to_the_image()
    {
        var face = TiltedFace(degrees: -15, scale: 0.8, at: new PointF(120, 90));
        var view = KeypointRefinement.ContextView(face, ContextSize)!.Value;
        // The second pass finds the same face with every keypoint 3 px lower and 2 px right in the context chip.
        var shifted = face.Keypoints.Select(view.Apply).Select(p => new PointF(p.X + 2, p.Y + 3)).ToArray();
        var again = new FaceDetection(new RectangleF(96, 96, 64, 64), 0.9f, shifted);

        var refined = KeypointRefinement.Refined(face, [again], view, ContextSize);

        var back = view.Inverse();
        for (var k = 0; k < FaceDetection.KeypointCount; k++)
        {
            var expected = back.Apply(shifted[k]);
            Assert.Equal(expected.X, refined.Keypoints[k].X, 3);
            Assert.Equal(expected.Y, refined.Keypoints[k].Y, 3);
        }

        Assert.Equal(face.Box, refined.Box);
        Assert.Equal(face.Score, refined.Score);
    }

    [Fact]
    public void Only_a_re_detection_at_the_centre_counts_and_without_one_the_first_pass_stands()
    {
        var face = TiltedFace(degrees: 0, scale: 1, at: new PointF(300, 300));
        var view = KeypointRefinement.ContextView(face, ContextSize)!.Value;
        var neighbour = new FaceDetection(new RectangleF(190, 10, 60, 60), 0.99f, [.. Enumerable.Repeat(new PointF(220, 40), 6)]);
        var centred = new FaceDetection(new RectangleF(98, 100, 62, 62), 0.7f, [.. Enumerable.Repeat(new PointF(128, 128), 6)]);

        Assert.Same(face, KeypointRefinement.Refined(face, [neighbour], view, ContextSize));
        Assert.Same(face, KeypointRefinement.Refined(face, [], view, ContextSize));
        var refined = KeypointRefinement.Refined(face, [neighbour, centred], view, ContextSize);
        var expected = view.Inverse().Apply(new PointF(128, 128));
        Assert.Equal(expected.X, refined.Keypoints[0].X, 3);
    }

    [Fact]
    public void Unusable_keypoints_have_no_context_view()
    {
        var face = TiltedFace(degrees: 0, scale: 1, at: new PointF(300, 300));
        var points = face.Keypoints.ToArray();
        points[(int)FaceKeypoint.NoseTip] = new PointF(float.NaN, 0);

        Assert.Null(KeypointRefinement.ContextView(face with { Keypoints = points }, ContextSize));
    }

    /// <summary>Keypoints of a plausible face (dlib template layout, ~100 px face square times
    /// <paramref name="scale"/>) rotated by <paramref name="degrees"/> around <paramref name="at"/>.</summary>
    private static FaceDetection TiltedFace(double degrees, double scale, PointF at)
    {
        var angle = degrees * Math.PI / 180;
        PointF[] unit = [new(-26.5f, -28.4f), new(26.5f, -28.4f), new(0, 1.6f), new(0, 29.9f), new(-45, -10), new(45, -10)];
        var c = (float)(scale * Math.Cos(angle));
        var s = (float)(scale * Math.Sin(angle));
        var keypoints = unit.Select(p => new PointF((c * p.X) - (s * p.Y) + at.X, (s * p.X) + (c * p.Y) + at.Y)).ToArray();
        var side = (float)(120 * scale);
        return new FaceDetection(new RectangleF(at.X - (side / 2), at.Y - (side / 2), side, side), 0.95f, keypoints);
    }
}
