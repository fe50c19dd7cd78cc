using System.Diagnostics;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aird.Stream.Matching.Tests;

/// <summary>
/// What one face costs (sighting write, watchlist search and decision), handed over one at a time and in batches
/// whose sightings are written in one COPY. Both runs use the same enrolment, and different faces.
/// </summary>
public sealed class FaceMatcherThroughputTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private const int Subjects = 200;
    private const int Faces = 300;
    private const int BatchSize = 100;

    [Fact]
    public async Task Faces_are_stored_and_decided_one_at_a_time_and_in_batches()
    {
        var cancel = TestContext.Current.CancellationToken;
        var random = new Random(21);
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "throughput");
        for (var i = 0; i < Subjects; i++)
        {
            await Enrollment.SubjectAsync(database.DataSource, watchlist, $"subject-{i}", UnitVectors.Unit(random));
        }

        var settings = new Dictionary<string, string?> { ["Postgres:ConnectionString"] = database.ConnectionString };
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddAirdMatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
        var matcher = provider.GetRequiredService<FaceMatcher>();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        ConsumedMessage<FaceEmbedding>[] Messages(string run) => [.. Enumerable.Range(0, Faces)
            .Select(i => new ConsumedMessage<FaceEmbedding>(
                "cam-1",
                FaceMessages.Create($"{run}-{i}", "cam-1", $"{run}-track-{i}", at.AddSeconds(i), UnitVectors.Unit(random)),
                new TopicPartitionOffset("embeddings", 0, i),
                at))];
        var single = Messages("single");
        var batched = Messages("batched");

        var stopwatch = Stopwatch.StartNew();
        foreach (var message in single)
        {
            await matcher.HandleAsync(message, cancel);
        }

        var oneAtATime = stopwatch.Elapsed;
        stopwatch.Restart();
        foreach (var batch in batched.Chunk(BatchSize))
        {
            await matcher.HandleBatchAsync(batch, cancel);
        }

        var inBatches = stopwatch.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Faces} faces against {Subjects} subjects: {oneAtATime.TotalMilliseconds / Faces:F2} ms per face one at a time, " +
            $"{inBatches.TotalMilliseconds / Faces:F2} ms per face in batches of {BatchSize}");
        Assert.Equal((long)Faces, await database.ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id LIKE 'single-%'"));
        Assert.Equal((long)Faces, await database.ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id LIKE 'batched-%'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM alerts"));
    }
}
