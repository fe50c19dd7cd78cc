using System.Drawing;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Alignment;

public class AlignmentPlannerTests
{
    private static readonly FaceChipSpec Teacher = FaceChipSpec.DlibTeacher;

    [Fact]
    public void The_template_maps_dlibs_mean_face_into_the_150_chip_with_padding()
    {
        var template = FaceTemplate.ForChip(Teacher);

        // (0.25 + 0.225492) / 1.5 * 150 = 47.5492; (0.25 + 0.215990) / 1.5 * 150 = 46.599.
        Assert.Equal(47.5492f, template[0].X, 3);
        Assert.Equal(46.599f, template[0].Y, 3);
        Assert.Equal(100.4761f, template[1].X, 3);
        Assert.Equal(104.9073f, template[3].Y, 3);
        Assert.Equal(100f, FaceTemplate.FaceSide(Teacher), 4);
    }

    [Fact]
    public void Keypoints_placed_by_a_known_similarity_are_aligned_back_onto_the_template()
    {
        // A face rotated by 20 degrees, twice the template size, somewhere in a frame.
        var angle = 20 * Math.PI / 180;
        var chipToImage = new Similarity(2 * Math.Cos(angle), 2 * Math.Sin(angle), 400, 300);
        var face = FaceFromTemplate(chipToImage);

        var plan = AlignmentPlanner.Plan(face, Teacher);

        Assert.False(plan.IsFallback);
        var template = FaceTemplate.ForChip(Teacher);
        var points = new[] { FaceKeypoint.RightEye, FaceKeypoint.LeftEye, FaceKeypoint.NoseTip, FaceKeypoint.MouthCenter };
        for (var i = 0; i < points.Length; i++)
        {
            var onChip = plan.ImageToChip.Apply(face.Keypoint(points[i]));
            Assert.Equal(template[i].X, onChip.X, 2);
            Assert.Equal(template[i].Y, onChip.Y, 2);
        }

        Assert.Equal(0.5, plan.ImageToChip.Scale, 4);
    }

    [Fact]
    public void Eyes_too_close_for_the_box_fall_back_to_a_box_centred_crop()
    {
        var good = FaceFromTemplate(new Similarity(1, 0, 0, 0));
        var points = good.Keypoints.ToArray();
        points[(int)FaceKeypoint.LeftEye] = new PointF(points[0].X + 3, points[0].Y);

        var plan = AlignmentPlanner.Plan(good with { Keypoints = points }, Teacher);

        Assert.True(plan.IsFallback);
        var box = good.Box;
        var centre = plan.ImageToChip.Apply(new PointF(box.X + (box.Width / 2), box.Y + (box.Height / 2)));
        Assert.Equal(75, centre.X, 3);
        Assert.Equal(75, centre.Y, 3);
        Assert.Equal(0, plan.ImageToChip.B);
    }

    [Fact]
    public void Keypoints_far_outside_the_box_or_not_numbers_fall_back()
    {
        var good = FaceFromTemplate(new Similarity(1, 0, 0, 0));
        var outside = good.Keypoints.ToArray();
        outside[(int)FaceKeypoint.MouthCenter] = new PointF(outside[3].X, outside[3].Y + 500);
        var notNumbers = good.Keypoints.ToArray();
        notNumbers[(int)FaceKeypoint.NoseTip] = new PointF(float.NaN, 0);

        Assert.True(AlignmentPlanner.Plan(good with { Keypoints = outside }, Teacher).IsFallback);
        Assert.True(AlignmentPlanner.Plan(good with { Keypoints = notNumbers }, Teacher).IsFallback);
    }

    [Fact]
    public void A_face_shape_that_no_similarity_fits_falls_back()
    {
        var good = FaceFromTemplate(new Similarity(1, 0, 0, 0));
        var swapped = good.Keypoints.ToArray();
        (swapped[(int)FaceKeypoint.NoseTip], swapped[(int)FaceKeypoint.RightEye]) =
            (swapped[(int)FaceKeypoint.RightEye], swapped[(int)FaceKeypoint.NoseTip]);

        Assert.True(AlignmentPlanner.Plan(good with { Keypoints = swapped }, Teacher).IsFallback);
    }

    /// <summary>A detection whose four alignment keypoints are the template moved by <paramref name="chipToImage"/>;
    /// the box is the chip's face square moved the same way (axis-aligned around its centre).</summary>
    private static FaceDetection FaceFromTemplate(Similarity chipToImage)
    {
        var template = FaceTemplate.ForChip(Teacher);
        var ears = new PointF[] { new(20, 60), new(130, 60) };
        var keypoints = template.Concat(ears).Select(chipToImage.Apply).ToArray();
        var side = (float)(FaceTemplate.FaceSide(Teacher) * chipToImage.Scale);
        var centre = chipToImage.Apply(new PointF(75, 75));
        return new FaceDetection(new RectangleF(centre.X - (side / 2), centre.Y - (side / 2), side, side), 0.9f, keypoints);
    }
}
