using System.Drawing;

namespace Aird.Stream.Video.Synthetic;

/// <summary>One person of a <see cref="SurveillanceClip"/> and its ground truth: an LFW image whose face is
/// <see cref="FaceWidthPx"/> wide, its centre moving in a straight line from <see cref="From"/> to <see cref="To"/>
/// (frame pixels) while the clip time runs from <see cref="Enters"/> to <see cref="Leaves"/>; not in the frame
/// outside that interval.</summary>
/// <param name="Name">An LFW name, e.g. <c>George_W_Bush</c>.</param>
/// <param name="ImageNumber">Which of the person's LFW images (1: <c>Name_0001.jpg</c>).</param>
public sealed record ClipPerson(
    string Name, int FaceWidthPx, PointF From, PointF To, TimeSpan Enters, TimeSpan Leaves, int ImageNumber = 1)
{
    /// <summary>True when the person is in the frame at clip time <paramref name="time"/>.</summary>
    public bool IsVisibleAt(TimeSpan time) => time >= Enters && time <= Leaves;

    /// <summary>Where the face centre is at clip time <paramref name="time"/> (clamped to the interval).</summary>
    public PointF FaceCentreAt(TimeSpan time)
    {
        var span = (Leaves - Enters).TotalSeconds;
        var t = span > 0 ? Math.Clamp((time - Enters).TotalSeconds / span, 0, 1) : 0;
        return new PointF((float)(From.X + ((To.X - From.X) * t)), (float)(From.Y + ((To.Y - From.Y) * t)));
    }
}
