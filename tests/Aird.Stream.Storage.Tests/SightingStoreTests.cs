using System.Diagnostics;
using Aird.Stream.Storage.Sightings;
using Aird.Stream.Testing;
using Npgsql;

namespace Aird.Stream.Storage.Tests;

/// <summary>Bulk writes and nearest-neighbour search over 10,000 sightings in the real PostgreSQL + pgvector.</summary>
public class SightingStoreTests(SightingDataset data) : IClassFixture<SightingDataset>
{
    private const int Probes = 200;

    // Per-component noise of the probes: |noise| is about 0.11, so a probe keeps cosine ~0.99 with its source while
    // the best unrelated vector of 10,000 random ones stays near 0.4: the exact top-1 is the source.
    private const double ProbeNoise = 0.01;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Binary_copy_stores_every_sighting_across_day_partitions()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"wrote {SightingDataset.Count} sightings in batches of {SightingDataset.BatchSize} (HNSW maintained) in {data.LoadTime.TotalSeconds:F2} s");

        Assert.Equal(SightingDataset.Count, await ScalarAsync<long>($"SELECT count(*) FROM sightings WHERE model_version = '{SightingDataset.Model}'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM sightings_default"));
        Assert.Equal(
            "sightings_p20250601,sightings_p20250602,sightings_p20250603",
            await ScalarAsync<string>("""
                SELECT string_agg(inhrelid::regclass::text, ',' ORDER BY inhrelid::regclass::text)
                FROM pg_inherits WHERE inhparent = 'sightings'::regclass AND inhrelid::regclass::text <> 'sightings_default'
                """));
        Assert.Equal(SightingDataset.Count / 1000, await ScalarAsync<long>($"SELECT count(*) FROM sightings WHERE thumbnail IS NOT NULL AND model_version = '{SightingDataset.Model}'"));
    }

    [Fact]
    public async Task Hnsw_search_finds_the_exact_top1_of_noisy_copies()
    {
        var random = new Random(7);
        var stopwatch = new Stopwatch();
        var misses = new List<string>();
        for (var probe = 0; probe < Probes; probe++)
        {
            var source = random.Next(SightingDataset.Count);
            var embedding = UnitVectors.Near(data.Embeddings[source], random, ProbeNoise);
            var exact = UnitVectors.ExactTop(data.Embeddings, embedding, 1)[0];
            Assert.Equal(source, exact);

            stopwatch.Start();
            var found = await data.Store.SearchAsync(new SightingQuery(embedding, SightingDataset.Model, 5), Cancel);
            stopwatch.Stop();

            Assert.Equal(5, found.Count);
            if (found[0].FaceId != data.Sightings[exact].FaceId)
            {
                misses.Add($"probe {probe}: expected {data.Sightings[exact].FaceId}, got {found[0].FaceId}");
            }

            Assert.Equal(UnitVectors.Cosine(data.Embeddings[exact], embedding), found[0].Similarity, 4);
            Assert.True(found.Zip(found.Skip(1)).All(pair => pair.First.Similarity >= pair.Second.Similarity), "not ordered best first");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Probes} HNSW searches (k=5, ef_search=100): {stopwatch.Elapsed.TotalMilliseconds / Probes:F2} ms each");
        Assert.Empty(misses);
    }

    [Fact]
    public async Task Search_plan_uses_the_hnsw_index_of_every_day_partition()
    {
        var probe = data.Embeddings[42];

        var plan = await data.Store.ExplainSearchAsync(new SightingQuery(probe, SightingDataset.Model, 10), Cancel);

        TestContext.Current.TestOutputHelper?.WriteLine(plan);
        var hnswIndexes = (await ScalarAsync<string>("""
            SELECT string_agg(c.relname, ',') FROM pg_class c JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'hnsw' AND c.relname LIKE 'sightings%'
            """)).Split(',');
        Assert.Contains("Merge Append", plan, StringComparison.Ordinal);
        foreach (var partition in new[] { "sightings_p20250601", "sightings_p20250602", "sightings_p20250603" })
        {
            var index = Assert.Single(hnswIndexes, name => name.StartsWith(partition, StringComparison.Ordinal));
            Assert.Contains($"Index Scan using {index} on {partition}", plan, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    // Which index serves the one remaining partition is the planner's cost decision: at this size a bitmap scan of
    // the camera/time btree plus an exact sort can beat the HNSW scan, and both are right.
    [Fact]
    public async Task Time_range_search_only_visits_that_range_partitions()
    {
        var query = new SightingQuery(data.Embeddings[42], SightingDataset.Model, 10)
        {
            From = SightingDataset.Start.AddDays(1),
            To = SightingDataset.Start.AddDays(2),
        };

        var plan = await data.Store.ExplainSearchAsync(query, Cancel);

        Assert.Contains("on sightings_p20250602", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("sightings_p20250601", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("sightings_p20250603", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("sightings_default", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exact_search_scans_without_the_index_and_matches_brute_force()
    {
        var random = new Random(11);
        for (var probe = 0; probe < 10; probe++)
        {
            var embedding = UnitVectors.Unit(random);
            var expected = UnitVectors.ExactTop(data.Embeddings, embedding, 10).Select(i => data.Sightings[i].FaceId);

            var found = await data.Store.SearchAsync(new SightingQuery(embedding, SightingDataset.Model, 10) { Exact = true }, Cancel);

            Assert.Equal(expected, found.Select(m => m.FaceId));
        }

        var plan = await data.Store.ExplainSearchAsync(new SightingQuery(data.Embeddings[0], SightingDataset.Model) { Exact = true }, Cancel);
        Assert.DoesNotContain("embedding_idx", plan, StringComparison.Ordinal);
        Assert.Contains("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Camera_and_time_filters_return_only_matching_sightings_nearest_first()
    {
        var random = new Random(13);
        var from = SightingDataset.Start.AddHours(12);
        var to = SightingDataset.Start.AddHours(60);
        const string camera = "cam-2";
        bool Include(int i) =>
            SightingDataset.CameraOf(i) == camera && SightingDataset.CapturedAtOf(i) >= from && SightingDataset.CapturedAtOf(i) < to;

        for (var probe = 0; probe < 20; probe++)
        {
            // Probes near a sighting the filters exclude: a plain post-filter of ef_search candidates would come up short.
            var excluded = Enumerable.Range(0, SightingDataset.Count).First(i => !Include(i) && i >= probe * 50);
            var embedding = UnitVectors.Near(data.Embeddings[excluded], random, ProbeNoise);
            var query = new SightingQuery(embedding, SightingDataset.Model, 10) { CameraId = camera, From = from, To = to };

            var approximate = await data.Store.SearchAsync(query, Cancel);
            var exact = await data.Store.SearchAsync(query with { Exact = true }, Cancel);

            var expected = UnitVectors.ExactTop(data.Embeddings, embedding, 10, Include).Select(i => data.Sightings[i].FaceId).ToArray();
            Assert.Equal(expected, exact.Select(m => m.FaceId));
            Assert.Equal(10, approximate.Count);
            Assert.All(approximate, m =>
            {
                Assert.Equal(camera, m.CameraId);
                Assert.InRange(m.CapturedAt, from, to.AddTicks(-1));
            });
            Assert.Equal(expected[0], approximate[0].FaceId);
        }
    }

    [Fact]
    public async Task Replaying_a_batch_writes_nothing_and_a_mixed_batch_only_the_new_ones()
    {
        var replay = data.Sightings.Take(SightingDataset.BatchSize).ToArray();
        var random = new Random(17);
        var fresh = Enumerable.Range(0, 50).Select(i => data.Sightings[i] with
        {
            FaceId = $"replay-new-{i}",
            ModelVersion = "replay-test",
            Embedding = UnitVectors.Unit(random),
        }).ToArray();

        Assert.Equal(0, await data.Store.WriteAsync(replay, Cancel));
        Assert.Equal(50, await data.Store.WriteAsync([.. replay.Take(50), .. fresh, .. fresh], Cancel));
        Assert.Equal(SightingDataset.Count, await ScalarAsync<long>($"SELECT count(*) FROM sightings WHERE model_version = '{SightingDataset.Model}'"));
    }

    [Theory]
    [InlineData(127, "has 127 values, expected 128")]
    [InlineData(0, "is the zero vector")]
    public async Task Malformed_embedding_is_refused_naming_the_face_and_nothing_of_the_batch_is_written(int dimension, string reason)
    {
        var good = data.Sightings[0] with { FaceId = "batch-good", ModelVersion = "invalid-test" };
        var bad = good with { FaceId = "batch-bad", Embedding = new float[dimension == 0 ? EmbeddingSpace.Dimension : dimension] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => data.Store.WriteAsync([good, bad], Cancel));

        Assert.Contains("sighting 'batch-bad'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM sightings WHERE model_version = 'invalid-test'"));
    }

    [Fact]
    public async Task Rows_without_a_day_partition_are_kept_in_the_default_one_then_moved_and_retention_drops_days()
    {
        // Written around the store, as a day whose partition is missing: it lands in the default partition.
        await ExecuteAsync("""
            INSERT INTO sightings (face_id, camera_id, captured_at, track_id, bbox_x, bbox_y, bbox_width, bbox_height,
                                   quality, model_version, embedding)
            SELECT 'retention-' || g, 'cam-r', timestamptz '2020-01-15 10:00+00' + g * interval '1 minute', 't', 0, 0, 10, 10,
                   1, 'retention-test', array_fill(0.1::real, ARRAY[128])::vector
            FROM generate_series(1, 30) AS g
            """);
        Assert.Equal(30, await ScalarAsync<long>("SELECT count(*) FROM sightings_default"));

        Assert.True(await ScalarAsync<bool>("SELECT aird_ensure_sighting_partition('2020-01-15')"));
        Assert.False(await ScalarAsync<bool>("SELECT aird_ensure_sighting_partition('2020-01-15')"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM sightings_default"));
        Assert.Equal(30, await ScalarAsync<long>("SELECT count(*) FROM sightings_p20200115"));

        var store = SightingDataset.CreateStore(data.DataSource);
        var nextDay = data.Sightings[0] with { FaceId = "retention-next", CapturedAt = new DateTimeOffset(2020, 1, 16, 23, 59, 59, TimeSpan.Zero) };
        Assert.Equal(1, await store.WriteAsync([nextDay], Cancel));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM sightings_p20200116"));

        Assert.Equal(1, await ScalarAsync<int>("SELECT aird_drop_sighting_partitions_before('2020-01-16')"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM sightings WHERE model_version = 'retention-test'"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM sightings WHERE face_id = 'retention-next'"));

        // The store still believes the dropped day exists: a late sighting of it is kept by the default partition.
        var late = data.Sightings[1] with { FaceId = "retention-late", CapturedAt = new DateTimeOffset(2020, 1, 15, 12, 0, 0, TimeSpan.Zero) };
        await store.WriteAsync([nextDay with { FaceId = "retention-warm", CapturedAt = nextDay.CapturedAt.AddDays(-1) }], Cancel);
        await ExecuteAsync("SELECT aird_drop_sighting_partitions_before('2020-01-16')");
        Assert.Equal(1, await store.WriteAsync([late], Cancel));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM sightings_default WHERE face_id = 'retention-late'"));

        Assert.Equal(1, await ScalarAsync<int>("SELECT aird_drop_sighting_partitions_before('2020-02-01')"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM sightings WHERE captured_at < '2020-02-01'"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
