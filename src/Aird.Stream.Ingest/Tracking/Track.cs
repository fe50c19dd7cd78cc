using System.Drawing;

namespace Aird.Stream.Ingest.Tracking;

/// <summary>One tracked face: its last box and a smoothed constant velocity of the box centre.</summary>
internal sealed class Track(long id, RectangleF box, DateTimeOffset time)
{
    private double _velocityX;
    private double _velocityY;
    private bool _hasVelocity;

    public long Id { get; } = id;

    public RectangleF Box { get; private set; } = box;

    public DateTimeOffset LastSeen { get; private set; } = time;

    /// <summary>The last box moved by the velocity to <paramref name="time"/>; the size is kept.</summary>
    public RectangleF PredictAt(DateTimeOffset time)
    {
        var seconds = (time - LastSeen).TotalSeconds;
        return new RectangleF(
            (float)(Box.X + (_velocityX * seconds)),
            (float)(Box.Y + (_velocityY * seconds)),
            Box.Width,
            Box.Height);
    }

    public void Observe(RectangleF box, DateTimeOffset time, double smoothing)
    {
        var seconds = (time - LastSeen).TotalSeconds;
        if (seconds > 0)
        {
            var (fromX, fromY) = BoxGeometry.Centre(Box);
            var (toX, toY) = BoxGeometry.Centre(box);
            var measuredX = (toX - fromX) / seconds;
            var measuredY = (toY - fromY) / seconds;
            // The first step is the only estimate there is: blending it with zero would halve it.
            var weight = _hasVelocity ? smoothing : 1;
            _velocityX += weight * (measuredX - _velocityX);
            _velocityY += weight * (measuredY - _velocityY);
            _hasVelocity = true;
        }

        Box = box;
        LastSeen = time;
    }
}
