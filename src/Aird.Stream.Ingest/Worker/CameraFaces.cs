using Aird.Stream.Contracts;
using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Worker;

/// <summary>The faces of one camera from detections to the shots to publish: tracks them, scores their quality,
/// asks the best-shot selector, aligns and encodes the chosen faces, and holds the crop the selector keeps per
/// track. No I/O; not thread-safe: one instance per camera, fed frames in time order.</summary>
internal sealed class CameraFaces
{
    private readonly FaceTracker _tracker;
    private readonly FaceQuality _quality;
    private readonly BestShotSelector _selector;
    private readonly ImageEncoding _encoding;
    private readonly Dictionary<long, FaceShot> _held = [];
    private DateTimeOffset? _lastTime;

    /// <param name="firstTrackId">See <see cref="FaceTracker(TrackerOptions, long)"/>.</param>
    public CameraFaces(
        int minFacePx,
        int maxFacePx,
        TrackerOptions tracker,
        FaceQualityOptions quality,
        BestShotOptions bestShots,
        ImageEncoding encoding,
        long firstTrackId)
    {
        if (!ChipEncoder.Supports(encoding))
        {
            throw new ArgumentException($"Crops cannot be encoded as {encoding}: use Png, Jpeg or Bgr24.", nameof(encoding));
        }

        _tracker = new FaceTracker(tracker, firstTrackId);
        _quality = new FaceQuality(quality, minFacePx, maxFacePx);
        _selector = new BestShotSelector(bestShots, minFacePx);
        _encoding = encoding;
        MinFacePx = minFacePx;
        MaxFacePx = maxFacePx;
    }

    public int MinFacePx { get; }

    public int MaxFacePx { get; }

    /// <summary>Crops held for tracks that have sent nothing better yet.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Takes the faces detected in <paramref name="frame"/> (BGR, 8 bit) at <paramref name="time"/>.</summary>
    /// <returns>The shots to publish now, in the selector's order: faces of this frame and held shots of tracks
    /// that are due or ended.</returns>
    /// <exception cref="ArgumentException">A detection is unusable (no 6 keypoints, empty box), the frame is not
    /// 8-bit BGR, or the time goes back. Nothing is changed then.</exception>
    public IReadOnlyList<FaceShot> Process(Mat frame, IReadOnlyList<FaceDetection> detections, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(detections);
        if (frame.Empty() || frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Frames are 8-bit BGR, not {frame.Type()} ({frame.Width}x{frame.Height}).", nameof(frame));
        }

        // Everything that can refuse the input runs before the tracker and the selector change.
        var qualities = detections.Select(d => _quality.Score(d, SharpnessOf(frame, d)).Total).ToArray();
        var update = _tracker.Update(detections, time);
        _lastTime = time;
        var candidates = detections.Select((d, i) => new ShotCandidate(update.TrackIds[i], d, qualities[i])).ToArray();
        return Act(_selector.Update(time, candidates, update.EndedTrackIds), candidates, update.EndedTrackIds, frame, time);
    }

    /// <summary>Ends every track, e.g. when the camera stopped.</summary>
    /// <returns>The held best shots of the tracks that sent nothing.</returns>
    public IReadOnlyList<FaceShot> EndAll()
    {
        var ended = _tracker.EndAll();
        if (_lastTime is not { } time)
        {
            return [];
        }

        return Act(_selector.Update(time, [], ended), [], ended, frame: null, time);
    }

    private List<FaceShot> Act(
        IReadOnlyList<BestShotDecision> decisions,
        ShotCandidate[] candidates,
        IReadOnlyList<long> endedTrackIds,
        Mat? frame,
        DateTimeOffset time)
    {
        var shots = new List<FaceShot>();
        foreach (var decision in decisions)
        {
            switch (decision.Action)
            {
                case BestShotAction.Publish:
                    _held.Remove(decision.TrackId);
                    shots.Add(Crop(frame!, candidates[decision.CandidateIndex!.Value], time));
                    break;
                case BestShotAction.Keep:
                    _held[decision.TrackId] = Crop(frame!, candidates[decision.CandidateIndex!.Value], time);
                    break;
                case BestShotAction.PublishKept:
                    if (_held.Remove(decision.TrackId, out var kept))
                    {
                        shots.Add(kept);
                    }

                    break;
            }
        }

        // The selector forgets ended tracks; so do we, whether or not their held crop went out.
        foreach (var id in endedTrackIds)
        {
            _held.Remove(id);
        }

        return shots;
    }

    private FaceShot Crop(Mat frame, ShotCandidate candidate, DateTimeOffset time)
    {
        using var aligned = FaceAligner.Align(frame, candidate.Detection, FaceChipSpec.DlibTeacher);
        return new FaceShot(
            candidate.TrackId,
            time,
            candidate.Detection,
            candidate.Quality,
            ChipEncoder.Encode(aligned.Chip, _encoding),
            FaceChipSpec.DlibTeacher.Size,
            aligned.IsFallback,
            frame.Width,
            frame.Height);
    }

    /// <summary>The variance of the Laplacian of the grey face box, clipped to the frame; 0 when less than 3x3
    /// of it lies inside.</summary>
    private static double SharpnessOf(Mat frame, FaceDetection face)
    {
        var box = face.Box;
        var left = Math.Max(0, (int)Math.Floor(box.Left));
        var top = Math.Max(0, (int)Math.Floor(box.Top));
        var right = Math.Min(frame.Width, (int)Math.Ceiling(box.Right));
        var bottom = Math.Min(frame.Height, (int)Math.Ceiling(box.Bottom));
        if (right - left < 3 || bottom - top < 3)
        {
            return 0;
        }

        using var region = new Mat(frame, new Rect(left, top, right - left, bottom - top));
        using var grey = new Mat();
        Cv2.CvtColor(region, grey, ColorConversionCodes.BGR2GRAY);
        return Sharpness.LaplacianVariance(grey.AsSpan<byte>(), grey.Width, grey.Height, grey.Width);
    }
}
