using Aird.Stream.Contracts;
using Aird.Stream.Matching.Decisions;

namespace Aird.Stream.Matching.Alerts;

/// <summary>
/// Turns per-face verdicts into alerts, one per person passing a camera rather than one per face:
/// <list type="bullet">
/// <item>The first match of a track for a subject raises an alert; later faces of that track for that subject are
/// folded into it (count, best face, last seen) and alert nobody again.</item>
/// <item>A subject alerts again on the same camera and watchlist only once the watchlist's cooldown has passed since
/// the first face of its last alert, even on a new track.</item>
/// <item>A track that alerted for one subject alerts for another only when that subject scores higher than any
/// face of the track did before (a better view of the face changed the answer).</item>
/// <item>A track without any match alert raises one unknown alert when the watchlist asks for unknown faces.</item>
/// </list>
/// Time is the faces' capture time, never the wall clock, so a replay of the same faces decides the same way. Not
/// thread-safe: one consumer loop feeds it one face at a time. State of tracks silent for the idle time is dropped.
/// </summary>
public sealed class AlertAggregator
{
    private const int SweepEvery = 1024;

    private readonly TimeSpan _trackIdle;
    private readonly Dictionary<TrackKey, TrackState> _tracks = [];
    private readonly Dictionary<SubjectKey, CooldownEntry> _lastRaised = [];
    private readonly Dictionary<string, DateTimeOffset> _cameraClocks = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <param name="trackIdle">How long after its last face a track is forgotten (capture time).</param>
    public AlertAggregator(TimeSpan trackIdle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trackIdle, TimeSpan.Zero);
        _trackIdle = trackIdle;
    }

    /// <summary>Tracks and cooldowns currently remembered, for tests of the eviction.</summary>
    internal int RememberedCount => _tracks.Count + _lastRaised.Count;

    /// <summary>
    /// True until <see cref="RecallHistory"/> told what the alert store knows of the subject on the camera: a process
    /// that just started (or took over the camera) must not forget a cooldown that began before it.
    /// </summary>
    public bool NeedsHistory(string cameraId, Guid watchlistId, Guid subjectId) =>
        !_lastRaised.ContainsKey(new SubjectKey(cameraId, watchlistId, subjectId));

    /// <param name="last">The stored last alert for the subject on the camera up to the face's time, or null for none.</param>
    public void RecallHistory(FaceObservation face, WatchlistSettings watchlist, Guid subjectId, PriorAlert? last)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(watchlist);
        var keepUntil = last is null ? face.CapturedAt + _trackIdle : KeepUntil(last, watchlist);
        _lastRaised[new SubjectKey(face.CameraId, watchlist.WatchlistId, subjectId)] = new CooldownEntry(last, keepUntil);
    }

    /// <returns>The alert the face raised or was folded into, or null when it changes no alert.</returns>
    public AlertUpdate? Observe(FaceObservation face, WatchlistSettings watchlist, WatchlistVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(watchlist);
        AdvanceClock(face);

        var key = new TrackKey(face.CameraId, face.TrackId, watchlist.WatchlistId);
        var track = _tracks.GetValueOrDefault(key);
        if (track is not null)
        {
            track.LastSeen = Later(track.LastSeen, face.CapturedAt);
        }

        return verdict.Kind switch
        {
            VerdictKind.Match when verdict.SubjectId is { } subject => ObserveMatch(key, track, face, watchlist, subject, verdict),
            VerdictKind.Unknown => ObserveUnknown(key, track, face, verdict),
            _ => null,
        };
    }

    private AlertUpdate? ObserveMatch(
        TrackKey key, TrackState? track, FaceObservation face, WatchlistSettings watchlist, Guid subject, WatchlistVerdict verdict)
    {
        if (track is not null && track.Alerts.TryGetValue(subject, out var alert))
        {
            return Fold(track, subject, alert, face, verdict);
        }

        // A weaker rival of the subject the track already alerted for is more likely a worse view than another person.
        if (track is not null && verdict.Similarity <= track.BestMatch)
        {
            return null;
        }

        var subjectKey = new SubjectKey(face.CameraId, watchlist.WatchlistId, subject);
        var prior = _lastRaised.GetValueOrDefault(subjectKey)?.Last;
        var change = AlertChange.Raised;
        var firstSeen = face.CapturedAt;
        if (prior is not null && prior.TrackId == face.TrackId)
        {
            // The track's own alert, raised before this process lost (or never had) the track's state.
            change = AlertChange.Folded;
            firstSeen = prior.FirstSeen;
        }
        else if (prior is not null && (face.CapturedAt - prior.FirstSeen).Duration() < watchlist.Cooldown)
        {
            return null;
        }

        track ??= Track(key, face);
        var raised = new AggregatedAlert(
            AlertIds.For(face.CameraId, face.TrackId, watchlist.WatchlistId, subject),
            AlertKind.Match,
            face.CameraId,
            face.TrackId,
            watchlist.WatchlistId,
            subject,
            face.FaceId,
            verdict.Similarity,
            verdict.Margin,
            firstSeen,
            face.CapturedAt,
            Sightings: 1);
        track.Alerts[subject] = raised;
        track.BestMatch = Math.Max(track.BestMatch, verdict.Similarity);
        if (change == AlertChange.Raised)
        {
            var last = new PriorAlert(face.TrackId, face.CapturedAt);
            _lastRaised[subjectKey] = new CooldownEntry(last, KeepUntil(last, watchlist));
        }

        return new AlertUpdate(change, raised);
    }

    private AlertUpdate? ObserveUnknown(TrackKey key, TrackState? track, FaceObservation face, WatchlistVerdict verdict)
    {
        if (track is not null && track.Alerts.TryGetValue(Guid.Empty, out var alert))
        {
            return Fold(track, Guid.Empty, alert, face, verdict);
        }

        // A track someone was recognised on is not unknown because of one poor view.
        if (track is not null && track.Alerts.Count > 0)
        {
            return null;
        }

        track ??= Track(key, face);
        var raised = new AggregatedAlert(
            AlertIds.For(face.CameraId, face.TrackId, key.WatchlistId, subjectId: null),
            AlertKind.Unknown,
            face.CameraId,
            face.TrackId,
            key.WatchlistId,
            SubjectId: null,
            face.FaceId,
            verdict.Similarity,
            verdict.Margin,
            face.CapturedAt,
            face.CapturedAt,
            Sightings: 1);
        track.Alerts[Guid.Empty] = raised;
        return new AlertUpdate(AlertChange.Raised, raised);
    }

    private static AlertUpdate? Fold(TrackState track, Guid subject, AggregatedAlert alert, FaceObservation face, WatchlistVerdict verdict)
    {
        // Faces of one track come in capture order: an earlier or equal time is a redelivered face, counted already.
        if (face.CapturedAt <= alert.LastSeen)
        {
            return null;
        }

        var better = verdict.Similarity > alert.Similarity;
        var folded = alert with
        {
            FaceId = better ? face.FaceId : alert.FaceId,
            Similarity = better ? verdict.Similarity : alert.Similarity,
            Margin = better ? verdict.Margin : alert.Margin,
            LastSeen = face.CapturedAt,
            Sightings = alert.Sightings + 1,
        };
        track.Alerts[subject] = folded;
        if (alert.Kind == AlertKind.Match)
        {
            track.BestMatch = Math.Max(track.BestMatch, verdict.Similarity);
        }

        return new AlertUpdate(AlertChange.Folded, folded);
    }

    private TrackState Track(TrackKey key, FaceObservation face)
    {
        var track = new TrackState { LastSeen = face.CapturedAt };
        _tracks[key] = track;
        return track;
    }

    private DateTimeOffset KeepUntil(PriorAlert last, WatchlistSettings watchlist) =>
        last.FirstSeen + (watchlist.Cooldown > _trackIdle ? watchlist.Cooldown : _trackIdle);

    private void AdvanceClock(FaceObservation face)
    {
        _cameraClocks[face.CameraId] = _cameraClocks.TryGetValue(face.CameraId, out var clock)
            ? Later(clock, face.CapturedAt)
            : face.CapturedAt;
        if (++_sinceSweep >= SweepEvery)
        {
            _sinceSweep = 0;
            Sweep();
        }
    }

    private void Sweep()
    {
        foreach (var (key, track) in _tracks)
        {
            if (track.LastSeen + _trackIdle < _cameraClocks[key.CameraId])
            {
                _tracks.Remove(key);
            }
        }

        foreach (var (key, entry) in _lastRaised)
        {
            if (entry.KeepUntil < _cameraClocks.GetValueOrDefault(key.CameraId))
            {
                _lastRaised.Remove(key);
            }
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct TrackKey(string CameraId, string TrackId, Guid WatchlistId);

    private readonly record struct SubjectKey(string CameraId, Guid WatchlistId, Guid SubjectId);

    private sealed record CooldownEntry(PriorAlert? Last, DateTimeOffset KeepUntil);

    private sealed class TrackState
    {
        /// <summary>The track's alerts by subject; <see cref="Guid.Empty"/> holds its unknown alert.</summary>
        public Dictionary<Guid, AggregatedAlert> Alerts { get; } = [];

        public float BestMatch { get; set; } = float.NegativeInfinity;

        public DateTimeOffset LastSeen { get; set; }
    }
}
