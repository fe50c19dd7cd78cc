using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aird.Stream.Matching.Tests;

/// <summary>A batch of faces: one COPY for its sightings, decisions in order, nothing written for a malformed batch.</summary>
public sealed class FaceMatcherBatchTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_face_fails_its_batch_before_anything_is_written_and_a_good_batch_alerts_once_even_when_replayed()
    {
        var random = new Random(33);
        var carol = UnitVectors.Unit(random);
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "batches", match: 0.75f, unknown: 0.4f, margin: 0.05f);
        await Enrollment.SubjectAsync(database.DataSource, watchlist, "carol", carol);
        await Enrollment.SubjectAsync(database.DataSource, watchlist, "dave", UnitVectors.Unit(random));
        using var kafka = new MockKafkaCluster();
        var alerts = $"alerts.{Guid.NewGuid():N}";
        kafka.CreateTopic(alerts, 1);
        var settings = MockBrokerSettings.For(kafka.BootstrapServers, "aird-matcher-batch-tests");
        settings["Kafka:Topics:Alerts"] = alerts;
        settings["Postgres:ConnectionString"] = database.ConnectionString;
        settings["Matcher:WatchlistRefreshSeconds"] = "0";
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddAirdMatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
        var matcher = provider.GetRequiredService<FaceMatcher>();
        var good = Enumerable.Range(0, 4)
            .Select(i => Consumed(i, FaceMessages.Create($"batch/{i}", "cam-1", "track-carol", T0.AddSeconds(i), UnitVectors.Near(carol, random, 0.02))))
            .Append(Consumed(4, FaceMessages.Create("batch/stranger", "cam-1", "track-stranger", T0, UnitVectors.Unit(random))))
            .ToList();
        var zero = Consumed(5, FaceMessages.Create("batch/zero", "cam-1", "track-zero", T0, new float[UnitVectors.Dimension]));

        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => matcher.HandleBatchAsync([.. good, zero], Cancel).AsTask());
        Assert.Contains("batch/zero", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id LIKE 'batch/%'"));

        await matcher.HandleBatchAsync(good, Cancel);
        await matcher.HandleBatchAsync(good, Cancel);

        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id LIKE 'batch/%'"));
        Assert.Equal("track-carol 4", await database.ScalarAsync<string>("SELECT string_agg(concat_ws(' ', track_id, sightings), '; ') FROM alerts"));
    }

    private static ConsumedMessage<FaceEmbedding> Consumed(long offset, FaceEmbedding message) =>
        new("cam-1", message, new TopicPartitionOffset("embeddings", 0, offset), T0);
}
