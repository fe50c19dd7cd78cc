namespace Aird.Stream.Ingest.BestShots;

/// <summary>Chooses which faces of a camera's tracks are cropped and published. Per track: a first shot soon after
/// the track starts (at once when a face reaches <see cref="BestShotOptions.FirstShotQuality"/>, else the best of
/// the first <see cref="BestShotOptions.FirstShotFrames"/> frames), later only faces that beat the best sent one by
/// <see cref="BestShotOptions.ImprovementMargin"/>, never more than <see cref="BestShotOptions.MaxShotsPerWindow"/>
/// in any <see cref="BestShotOptions.Window"/>, and the best unsent face when a track ends with nothing sent. Faces
/// narrower than the camera's minimum face size are never chosen. Not thread-safe: one instance per camera.</summary>
public sealed class BestShotSelector
{
    private readonly BestShotOptions _options;
    private readonly int _minFacePx;
    private readonly Dictionary<long, TrackShots> _tracks = [];
    private DateTimeOffset? _lastTime;

    /// <param name="options">Validated here; see <see cref="BestShotOptions.Validate"/>.</param>
    /// <param name="minFacePx">The camera's minimum face width in frame pixels.</param>
    public BestShotSelector(BestShotOptions options, int minFacePx)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minFacePx);
        _options = options;
        _minFacePx = minFacePx;
    }

    /// <summary>The tracks remembered: seen and not ended.</summary>
    public int TrackCount => _tracks.Count;

    /// <summary>Decides on the faces of one frame, then on the tracks that ended (whose state is dropped).</summary>
    /// <param name="time">The frame's time; not before the previous frame's.</param>
    /// <param name="candidates">The tracked faces of the frame, at most one per track.</param>
    /// <param name="endedTrackIds">Tracks that ended, e.g. <see cref="Tracking.TrackerUpdate.EndedTrackIds"/>.</param>
    /// <returns>The decisions, in candidate order, then those for ended tracks; empty when there is nothing to do.</returns>
    /// <exception cref="ArgumentException">The time goes back, a quality is outside [0, 1], or a track has two
    /// candidates. The selector is unchanged then.</exception>
    public IReadOnlyList<BestShotDecision> Update(
        DateTimeOffset time, IReadOnlyList<ShotCandidate> candidates, IReadOnlyList<long> endedTrackIds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(endedTrackIds);
        Check(time, candidates);
        _lastTime = time;

        var decisions = new List<BestShotDecision>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (Decide(time, i, candidates[i]) is { } decision)
            {
                decisions.Add(decision);
            }
        }

        foreach (var id in endedTrackIds)
        {
            if (_tracks.Remove(id, out var shots) && shots.BestSent is null && shots.Kept is { } kept)
            {
                decisions.Add(new BestShotDecision(BestShotAction.PublishKept, id, null, kept));
            }
        }

        return decisions;
    }

    private void Check(DateTimeOffset time, IReadOnlyList<ShotCandidate> candidates)
    {
        if (time < _lastTime)
        {
            throw new ArgumentException(
                $"Frame time {time:O} is before the previous frame's {_lastTime:O}: frames must come in time order.",
                nameof(time));
        }

        var seen = new HashSet<long>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i] ?? throw new ArgumentException($"Candidate {i} is null.", nameof(candidates));
            ArgumentNullException.ThrowIfNull(candidate.Detection, $"{nameof(candidates)}[{i}].{nameof(candidate.Detection)}");
            if (!(candidate.Quality is >= 0 and <= 1))
            {
                throw new ArgumentException(
                    $"Candidate {i} (track {candidate.TrackId}) has quality {candidate.Quality}, outside [0, 1].", nameof(candidates));
            }

            if (!seen.Add(candidate.TrackId))
            {
                throw new ArgumentException($"Track {candidate.TrackId} has more than one candidate in one frame.", nameof(candidates));
            }
        }
    }

    private BestShotDecision? Decide(DateTimeOffset time, int index, ShotCandidate candidate)
    {
        if (!_tracks.TryGetValue(candidate.TrackId, out var shots))
        {
            shots = new TrackShots();
            _tracks.Add(candidate.TrackId, shots);
        }

        shots.Frames++;
        var quality = candidate.Quality;
        var eligible = candidate.Detection.Box.Width >= _minFacePx;
        if (shots.BestSent is { } bestSent)
        {
            if (eligible && quality > bestSent + _options.ImprovementMargin && shots.WindowAllows(time, _options))
            {
                shots.Sent(time, quality, _options);
                return new BestShotDecision(BestShotAction.Publish, candidate.TrackId, index, quality);
            }

            return null;
        }

        var currentIsBest = eligible && !(shots.Kept >= quality);
        var due = shots.Frames >= _options.FirstShotFrames || (eligible && quality >= _options.FirstShotQuality);
        if (due && currentIsBest)
        {
            shots.Sent(time, quality, _options);
            return new BestShotDecision(BestShotAction.Publish, candidate.TrackId, index, quality);
        }

        if (due && shots.Kept is { } kept)
        {
            shots.Sent(time, kept, _options);
            return new BestShotDecision(BestShotAction.PublishKept, candidate.TrackId, null, kept);
        }

        if (currentIsBest)
        {
            shots.Kept = quality;
            return new BestShotDecision(BestShotAction.Keep, candidate.TrackId, index, quality);
        }

        return null;
    }
}
