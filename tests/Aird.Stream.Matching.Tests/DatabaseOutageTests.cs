using System.Diagnostics;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Storage;
using Aird.Stream.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aird.Stream.Matching.Tests;

/// <summary>A face that arrives while PostgreSQL refuses connections waits for it rather than failing at once.</summary>
public sealed class DatabaseOutageTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_face_waits_for_the_database_to_come_back_and_is_stored()
    {
        await using var relay = Relay();
        await using var provider = Provider(relay.Port, retrySeconds: 30);
        var matcher = provider.GetRequiredService<FaceMatcher>();

        var handling = matcher.HandleAsync(Message("outage-1"), Cancel).AsTask();
        await Task.Delay(1500, Cancel);
        Assert.False(handling.IsCompleted);
        relay.Open();
        await handling.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id = $1", "outage-1"));
    }

    [Fact]
    public async Task A_face_gives_up_after_the_retry_time_with_the_database_error()
    {
        await using var relay = Relay();
        await using var provider = Provider(relay.Port, retrySeconds: 1);
        var matcher = provider.GetRequiredService<FaceMatcher>();
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => matcher.HandleAsync(Message("outage-2"), Cancel).AsTask());

        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    private static TcpRelay Relay()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString);
        return new TcpRelay(server.Host!, server.Port);
    }

    private ServiceProvider Provider(int port, int retrySeconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port };
        var settings = new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = connection.ConnectionString,
            ["Matcher:DatabaseRetrySeconds"] = retrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new ServiceCollection()
            .AddLogging()
            .AddAirdMatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
    }

    private static ConsumedMessage<FaceEmbedding> Message(string faceId)
    {
        var message = FaceMessages.Create(
            faceId, "cam-1", "track-1", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), UnitVectors.Unit(new Random(9)));
        return new ConsumedMessage<FaceEmbedding>("cam-1", message, new TopicPartitionOffset("embeddings", 0, 0), DateTimeOffset.UtcNow);
    }
}
