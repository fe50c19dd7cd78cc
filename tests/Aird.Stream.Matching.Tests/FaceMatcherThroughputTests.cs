using System.Diagnostics;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aird.Stream.Matching.Tests;

/// <summary>What one face costs without batching: sighting write, watchlist search and decision, one face at a time.</summary>
public sealed class FaceMatcherThroughputTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private const int Subjects = 200;
    private const int Faces = 300;

    [Fact]
    public async Task Faces_are_stored_and_decided_one_at_a_time()
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
        var messages = Enumerable.Range(0, Faces)
            .Select(i => new ConsumedMessage<FaceEmbedding>(
                "cam-1",
                FaceMessages.Create($"face-{i}", "cam-1", $"track-{i}", at.AddSeconds(i), UnitVectors.Unit(random)),
                new TopicPartitionOffset("embeddings", 0, i),
                at))
            .ToArray();

        var stopwatch = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            await matcher.HandleAsync(message, cancel);
        }

        stopwatch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Faces} faces against {Subjects} subjects, one at a time: {stopwatch.Elapsed.TotalMilliseconds / Faces:F2} ms per face");
        Assert.Equal((long)Faces, await database.ScalarAsync<long>("SELECT count(*) FROM sightings"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM alerts"));
    }
}
