using Aird.Stream.Contracts;
using Aird.Stream.Matching.Alerts;
using Aird.Stream.Matching.Decisions;
using Aird.Stream.Matching.Persistence;
using Aird.Stream.Messaging;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Sightings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Matching;

/// <summary>
/// Handles embedded faces, one or a batch at a time: stores their sightings (a batch in one binary COPY), decides each
/// face on every watchlist in order, and stores, folds and publishes alerts. Every step is idempotent (sighting by face
/// id, alert by alert id, fold by capture time), so a face handled again after a crash, a retry or a failed batch
/// writes and publishes nothing twice. While PostgreSQL is unreachable the faces wait for it (up to
/// <see cref="MatcherOptions.DatabaseRetrySeconds"/>), so that a database restart holds the stream back instead of
/// dead-lettering it. Fed by one consumer loop at a time.
/// </summary>
internal sealed partial class FaceMatcher
{
    private static readonly TimeSpan FirstDatabaseWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDatabaseWait = TimeSpan.FromSeconds(10);

    private readonly SightingStore _sightings;
    private readonly WatchlistCatalog _watchlists;
    private readonly SubjectSearch _subjects;
    private readonly AlertStore _alerts;
    private readonly KafkaProducer<Alert> _producer;
    private readonly string _alertTopic;
    private readonly TimeSpan _trackIdle;
    private readonly TimeSpan _databaseRetry;
    private readonly TimeProvider _time;
    private readonly MatcherMetrics _metrics;
    private readonly ILogger<FaceMatcher> _logger;
    private AlertAggregator _aggregator;

    public FaceMatcher(
        SightingStore sightings,
        WatchlistCatalog watchlists,
        SubjectSearch subjects,
        AlertStore alerts,
        KafkaProducer<Alert> producer,
        IOptions<TopicOptions> topics,
        IOptions<MatcherOptions> options,
        MatcherMetrics metrics,
        TimeProvider time,
        ILogger<FaceMatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(options);
        _sightings = sightings;
        _watchlists = watchlists;
        _subjects = subjects;
        _alerts = alerts;
        _producer = producer;
        _alertTopic = topics.Value.Alerts;
        _trackIdle = TimeSpan.FromSeconds(options.Value.TrackIdleSeconds);
        _databaseRetry = TimeSpan.FromSeconds(options.Value.DatabaseRetrySeconds);
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _aggregator = new AlertAggregator(_trackIdle);
    }

    /// <exception cref="MessageRejectedException">
    /// The message lacks a field the matcher needs, or its sighting is malformed (e.g. a non-finite or zero embedding).
    /// </exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL stayed unreachable for the retry time.</exception>
    public ValueTask HandleAsync(ConsumedMessage<FaceEmbedding> consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        return HandleBatchAsync([consumed], cancellationToken);
    }

    /// <summary>
    /// Handles the faces of a batch in order, their sightings written together. A malformed face fails the whole batch
    /// before anything is decided; the consumer loop then hands the faces over one at a time, which rejects it alone.
    /// </summary>
    /// <exception cref="MessageRejectedException">A face of the batch is malformed (see <see cref="HandleAsync"/>).</exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL stayed unreachable for the retry time.</exception>
    public async ValueTask HandleBatchAsync(IReadOnlyList<ConsumedMessage<FaceEmbedding>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<(SightingRecord Sighting, FaceEmbedding Message)> faces = [.. batch.Select(c => (EmbeddingMessages.ToSighting(c.Message), c.Message))];
        if (faces.Count == 0)
        {
            return;
        }

        var started = _time.GetTimestamp();
        for (var wait = FirstDatabaseWait; ; wait = wait * 2 < LongestDatabaseWait ? wait * 2 : LongestDatabaseWait)
        {
            try
            {
                await MatchAsync(faces, cancellationToken);
                return;
            }
            catch (Exception e) when (IsDatabaseDown(e) && _time.GetElapsedTime(started) + wait <= _databaseRetry)
            {
                LogDatabaseDown(e.Message, faces.Count, faces[0].Sighting.FaceId, wait.TotalSeconds);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
    }

    private static bool IsDatabaseDown(Exception e) => e is DatabaseUnavailableException or NpgsqlException { IsTransient: true };

    private async Task MatchAsync(List<(SightingRecord Sighting, FaceEmbedding Message)> faces, CancellationToken cancellationToken)
    {
        int written;
        try
        {
            written = await _sightings.WriteAsync([.. faces.Select(f => f.Sighting)], cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new MessageRejectedException(e.Message, e);
        }

        _metrics.SightingsWritten(written);

        var watchlists = await _watchlists.GetAsync(cancellationToken);
        if (watchlists.Count == 0)
        {
            return;
        }

        Guid[] watchlistIds = [.. watchlists.Select(w => w.WatchlistId)];
        var nearestOfFaces = await _subjects.NearestAsync(
            [.. faces.Select(f => (f.Sighting.Embedding, f.Sighting.ModelVersion))], watchlistIds, cancellationToken);
        try
        {
            foreach (var ((sighting, message), nearest) in faces.Zip(nearestOfFaces))
            {
                var face = new FaceObservation(sighting.CameraId, sighting.TrackId, sighting.FaceId, sighting.CapturedAt);
                foreach (var watchlist in watchlists)
                {
                    await DecideAsync(face, watchlist, nearest[watchlist.WatchlistId], message, cancellationToken);
                }
            }
        }
        catch
        {
            // The aggregation may now hold an alert the database never got. The database is the truth and the
            // aggregation rebuilds from it (alert history, alert ids from the track), so start it afresh: the retry
            // then raises or folds exactly what is missing.
            _aggregator = new AlertAggregator(_trackIdle);
            throw;
        }
    }

    private async Task DecideAsync(
        FaceObservation face, WatchlistSettings watchlist, IReadOnlyList<SubjectCandidate> candidates, FaceEmbedding message, CancellationToken cancellationToken)
    {
        var verdict = WatchlistDecision.Decide(candidates, watchlist);
        if (verdict is { Kind: VerdictKind.Match, SubjectId: { } subject })
        {
            _metrics.FaceMatched(watchlist.WatchlistId);
            if (_aggregator.NeedsHistory(face.CameraId, watchlist.WatchlistId, subject))
            {
                var last = await _alerts.LastMatchAsync(face.CameraId, watchlist.WatchlistId, subject, face.CapturedAt, cancellationToken);
                _aggregator.RecallHistory(face, watchlist, subject, last);
            }
        }

        switch (_aggregator.Observe(face, watchlist, verdict))
        {
            case { Change: AlertChange.Raised, Alert: var alert }:
                var stored = await _alerts.RaiseAsync(
                    alert,
                    token => _producer.ProduceAsync(_alertTopic, alert.CameraId, AlertMessages.From(alert, message), token),
                    cancellationToken);
                if (stored)
                {
                    _metrics.AlertRaised(alert.Kind == AlertKind.Match ? "match" : "unknown");
                    LogRaised(alert.AlertId, alert.Kind, alert.CameraId, alert.TrackId, watchlist.Name, alert.SubjectId, alert.Similarity);
                }
                else
                {
                    // Raised before this process knew: the face is a replay, or a later face of that alert's track.
                    await _alerts.FoldAsync(alert, cancellationToken);
                }

                break;
            case { Change: AlertChange.Folded, Alert: var alert }:
                await _alerts.FoldAsync(alert, cancellationToken);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} {Faces} face(s) from {FaceId} on wait {WaitSeconds:F1} s for PostgreSQL")]
    private partial void LogDatabaseDown(string reason, int faces, string faceId, double waitSeconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Alert {AlertId} ({Kind}) on camera {CameraId}, track {TrackId}, watchlist {Watchlist}, subject {SubjectId}, similarity {Similarity:F3}")]
    private partial void LogRaised(string alertId, AlertKind kind, string cameraId, string trackId, string watchlist, Guid? subjectId, float similarity);
}
