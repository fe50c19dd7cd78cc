using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Testing;
using Confluent.Kafka;

namespace Aird.Stream.Matching.Tests;

/// <summary>The matcher end to end: the mock Kafka cluster over real TCP, the real PostgreSQL with pgvector.</summary>
public sealed class MatcherWorkerTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>, IDisposable
{
    private const int TrackFaces = 5;
    private const int RandomFaces = 10;
    private const int Partitions = 2;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _kafka = new();
    private readonly string _embeddings = Unique("embeddings");
    private readonly string _alerts = Unique("alerts");
    private readonly string _deadLetters = Unique("dlq");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_track_near_a_subject_raises_one_alert_and_a_replay_adds_nothing()
    {
        _kafka.CreateTopic(_embeddings, Partitions);
        _kafka.CreateTopic(_alerts, 1);
        _kafka.CreateTopic(_deadLetters, 1);
        var random = new Random(5);
        var alice = UnitVectors.Unit(random);
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "worker", match: 0.75f, unknown: 0.4f, margin: 0.05f);
        var aliceId = await Enrollment.SubjectAsync(database.DataSource, watchlist, "alice", alice);
        await Enrollment.SubjectAsync(database.DataSource, watchlist, "bob", UnitVectors.Unit(random));
        using var metrics = new MeterListener();
        var sums = new ConcurrentDictionary<string, long>();
        // Other test classes run matchers in this process at the same time: count only this test's hosts.
        var scopes = new ConcurrentDictionary<object, bool>();
        metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MatcherMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        metrics.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Meter.Scope is { } scope && scopes.ContainsKey(scope))
            {
                sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            }
        });
        metrics.Start();

        // Alice passes camera 1 (5 faces), again a minute later (within the cooldown: no alert), and again after it.
        var faces = Enumerable.Range(0, TrackFaces)
            .Select(i => FaceMessages.Create($"cam-1/{i}", "cam-1", "track-alice", T0.AddSeconds(i), UnitVectors.Near(alice, random, 0.02)))
            .Concat([
                FaceMessages.Create("cam-1/60", "cam-1", "track-alice-soon", T0.AddSeconds(60), UnitVectors.Near(alice, random, 0.02)),
                FaceMessages.Create("cam-1/61", "cam-1", "track-alice-soon", T0.AddSeconds(61), UnitVectors.Near(alice, random, 0.02)),
                FaceMessages.Create("cam-1/400", "cam-1", "track-alice-later", T0.AddSeconds(400), UnitVectors.Near(alice, random, 0.02))])
            .Concat(Enumerable.Range(0, RandomFaces)
                .Select(i => FaceMessages.Create($"cam-{i % 3}/r{i}", $"cam-{i % 3}", $"track-r{i}", T0.AddSeconds(i), UnitVectors.Unit(random))))
            .ToList();
        var malformed = FaceMessages.Create("cam-1/bad", "cam-1", "track-bad", T0, UnitVectors.Unit(random));
        malformed.Dimension = 64;
        var zero = FaceMessages.Create("cam-2/zero", "cam-2", "track-zero", T0, new float[UnitVectors.Dimension]);

        await using (var first = new MatcherHost(Settings("matcher-1")))
        {
            scopes[first.MeterFactory] = true;
            await first.StartAsync();
            foreach (var face in faces.Append(malformed).Append(zero))
            {
                await first.Embeddings.ProduceAsync(_embeddings, face.Header.CameraId, face, Cancel);
            }

            await WaitUntilFinishedAsync("matcher-1");
        }

        var stored = await StoredAlertsAsync();
        var published = ReadAlerts();
        Assert.Equal((long)faces.Count, await SightingCountAsync());
        Assert.Equal($"track-alice match {aliceId} 5 0 4; track-alice-later match {aliceId} 1 400 400", stored);
        Assert.Equal(["track-alice", "track-alice-later"], published.Select(a => a.Header.TrackId));
        Assert.Equal(
            await database.ScalarAsync<string>("SELECT string_agg(alert_id, ' ' ORDER BY first_seen) FROM alerts"),
            string.Join(' ', published.Select(a => a.AlertId)));
        var alert = published[0];
        Assert.Equal((Contracts.AlertKind.Match, aliceId.ToString(), "cam-1", "cam-1/0", 1u), (alert.Kind, alert.SubjectId, alert.Header.CameraId, alert.Header.FaceId, alert.Sightings));
        Assert.True(alert.Similarity > 0.75f && alert.Margin >= 0.05f, $"similarity {alert.Similarity}, margin {alert.Margin}");
        Assert.Equal(
            ["rejected: FaceEmbedding 'cam-1/bad' from camera 'cam-1' has a 64-d embedding; sightings store 128-d.",
             "rejected: sighting 'cam-2/zero': embedding is the zero vector."],
            ReadDeadLetters().Select(letter => letter.Reason).Order(StringComparer.Ordinal));

        // A second group reads every message again, as a matcher that crashed before committing anything would.
        await using (var second = new MatcherHost(Settings("matcher-2")))
        {
            scopes[second.MeterFactory] = true;
            await second.StartAsync();
            await WaitUntilFinishedAsync("matcher-2");
        }

        Assert.Equal((long)faces.Count, await SightingCountAsync());
        Assert.Equal(stored, await StoredAlertsAsync());
        Assert.Equal(2, ReadAlerts().Count);
        Assert.Equal(faces.Count, sums.GetValueOrDefault("aird.matching.sightings_written"));
        Assert.Equal(2, sums.GetValueOrDefault("aird.matching.alerts_raised"));
        Assert.Equal(2 * (TrackFaces + 3), sums.GetValueOrDefault("aird.matching.faces_matched"));
    }

    public void Dispose() => _kafka.Dispose();

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    private Dictionary<string, string?> Settings(string group)
    {
        var settings = MockBrokerSettings.For(_kafka.BootstrapServers, "aird-matcher-tests");
        settings["Postgres:ConnectionString"] = database.ConnectionString;
        settings["Kafka:Topics:Embeddings"] = _embeddings;
        settings["Kafka:Topics:Alerts"] = _alerts;
        settings["Kafka:Topics:DeadLetters"] = _deadLetters;
        settings["Matcher:GroupId"] = group;
        settings["Matcher:WatchlistRefreshSeconds"] = "0";
        return settings;
    }

    /// <summary>Track, kind, subject, sightings, first and last seen (seconds after T0) of every alert, oldest first.</summary>
    private Task<string> StoredAlertsAsync() => database.ScalarAsync<string>(
        """
        SELECT string_agg(concat_ws(' ', track_id, kind, subject_id, sightings,
                                    extract(epoch FROM first_seen - $1)::int, extract(epoch FROM last_seen - $1)::int),
                          '; ' ORDER BY first_seen)
        FROM alerts
        """,
        T0);

    private Task<long> SightingCountAsync() => database.ScalarAsync<long>("SELECT count(*) FROM sightings");

    /// <summary>Waits until the group committed every message of the embeddings topic: all of them are finished.</summary>
    private async Task WaitUntilFinishedAsync(string group)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(_embeddings, p)).ToArray();
        var ends = partitions.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value).ToArray();
        var deadline = DateTime.UtcNow + Patience;
        while (!consumer.Committed(partitions, TimeSpan.FromSeconds(10)).OrderBy(c => c.Partition.Value).Select(Position).SequenceEqual(ends))
        {
            Assert.True(DateTime.UtcNow < deadline, $"group {group} did not commit every embedding within {Patience.TotalSeconds} s");
            await Task.Delay(100, Cancel);
        }
    }

    // A partition that never received a message has no committed offset, and nothing to commit.
    private static long Position(TopicPartitionOffset committed) => Math.Max(committed.Offset.Value, 0);

    private List<Alert> ReadAlerts() => Read(_alerts, bytes => Alert.Parser.ParseFrom(bytes));

    private List<DeadLetter> ReadDeadLetters() => Read(_deadLetters, bytes => DeadLetter.Parser.ParseFrom(bytes));

    /// <summary>Everything on partition 0 of the topic, read until it stays quiet for a second.</summary>
    private List<T> Read<T>(string topic, Func<byte[], T> parse)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(
            new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = Unique("reader") }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var messages = new List<T>();
        while (consumer.Consume(TimeSpan.FromSeconds(1)) is { } result)
        {
            messages.Add(parse(result.Message.Value));
        }

        return messages;
    }
}
