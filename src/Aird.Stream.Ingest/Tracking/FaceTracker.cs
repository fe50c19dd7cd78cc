using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.Tracking;

/// <summary>Follows the faces of one camera from frame to frame and gives each a track id. Matches a detection to a
/// track by the overlap with the track's constant-velocity prediction, falling back to the centre distance relative
/// to the face width (small faces at low frame rates often move more than their width between frames). Not
/// thread-safe: one instance per camera, fed frames in time order.</summary>
public sealed class FaceTracker
{
    private readonly TrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private long _nextId;
    private DateTimeOffset? _lastTime;

    /// <param name="options">Validated here; see <see cref="TrackerOptions.Validate"/>.</param>
    /// <param name="firstTrackId">The id of the first track; later tracks count up from it and no id is ever
    /// given twice. A worker that restarts can start above the ids it gave before (e.g. from the start time).</param>
    public FaceTracker(TrackerOptions options, long firstTrackId = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _nextId = firstTrackId;
    }

    /// <summary>The tracks not ended yet.</summary>
    public int ActiveTrackCount => _tracks.Count;

    /// <summary>Ends the tracks not seen for longer than the maximum age at <paramref name="time"/>, then assigns
    /// every detection of the frame to a continuing track or to a new one.</summary>
    /// <exception cref="ArgumentException">A box is empty or not finite, or <paramref name="time"/> is before
    /// the previous frame's time. The tracker is unchanged then.</exception>
    public TrackerUpdate Update(IReadOnlyList<FaceDetection> detections, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (time < _lastTime)
        {
            throw new ArgumentException(
                $"Frame time {time:O} is before the previous frame's {_lastTime:O}: frames must come in time order.",
                nameof(time));
        }

        var boxes = new RectangleF[detections.Count];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = detections[i]?.Box ?? throw new ArgumentException($"Detection {i} is null.", nameof(detections));
            if (!BoxGeometry.IsUsable(boxes[i]))
            {
                throw new ArgumentException($"Detection {i} has an empty or non-finite box {boxes[i]}.", nameof(detections));
            }
        }

        _lastTime = time;
        var ended = EndTracks(t => time - t.LastSeen > _options.MaxAge);
        var trackOf = TrackAssociation.Match([.. _tracks.Select(t => t.PredictAt(time))], boxes, _options);
        var ids = new long[boxes.Length];
        for (var i = 0; i < boxes.Length; i++)
        {
            if (trackOf[i] >= 0)
            {
                var track = _tracks[trackOf[i]];
                track.Observe(boxes[i], time, _options.VelocitySmoothing);
                ids[i] = track.Id;
            }
            else
            {
                var track = new Track(_nextId++, boxes[i], time);
                _tracks.Add(track);
                ids[i] = track.Id;
            }
        }

        return new TrackerUpdate(ids, ended);
    }

    /// <summary>Ends every track, e.g. when the camera stops, so that their last best shots can be sent.</summary>
    /// <returns>The ids of the tracks that were active.</returns>
    public IReadOnlyList<long> EndAll() => EndTracks(_ => true);

    private long[] EndTracks(Predicate<Track> ends)
    {
        var ended = _tracks.Where(t => ends(t)).Select(t => t.Id).ToArray();
        _tracks.RemoveAll(ends);
        return ended;
    }
}
