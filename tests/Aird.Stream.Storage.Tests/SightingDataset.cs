using System.Diagnostics;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Storage.Sightings;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Storage.Tests;

/// <summary>
/// A migrated database holding <see cref="Count"/> random unit-vector sightings from four cameras over three days,
/// written through <see cref="SightingStore.WriteAsync"/> in batches (binary COPY).
/// </summary>
public sealed class SightingDataset : TestDatabase
{
    public const int Count = 10_000;
    public const int BatchSize = 2_000;
    public const string Model = "student-test";
    public const int Cameras = 4;

    public static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Span = TimeSpan.FromDays(3);

    private NpgsqlDataSource? _dataSource;
    private SightingStore? _store;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialised");

    public SightingStore Store => _store ?? throw new InvalidOperationException("not initialised");

    public IReadOnlyList<SightingRecord> Sightings { get; private set; } = [];

    public IReadOnlyList<float[]> Embeddings { get; private set; } = [];

    public TimeSpan LoadTime { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var cancel = TestContext.Current.CancellationToken;
        _dataSource = CreateDataSource();
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancel);
        _store = CreateStore(_dataSource);

        var random = new Random(20250601);
        Embeddings = [.. Enumerable.Range(0, Count).Select(_ => UnitVectors.Unit(random))];
        Sightings = [.. Embeddings.Select((embedding, i) => Sighting(i, embedding))];

        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in Sightings.Chunk(BatchSize))
        {
            await _store.WriteAsync(batch, cancel);
        }

        LoadTime = stopwatch.Elapsed;
    }

    public static SightingStore CreateStore(NpgsqlDataSource dataSource, int efSearch = 100) => new(
        dataSource, Options.Create(new PostgresOptions { HnswEfSearch = efSearch }), NullLogger<SightingStore>.Instance);

    public static string CameraOf(int index) => $"cam-{index % Cameras}";

    public static DateTimeOffset CapturedAtOf(int index) => Start + (Span * index / Count);

    protected override async ValueTask DisposeResourcesAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static SightingRecord Sighting(int index, float[] embedding) => new(
        FaceId: $"face-{index:D5}",
        CameraId: CameraOf(index),
        CapturedAt: CapturedAtOf(index),
        TrackId: $"track-{index / 5}",
        Box: new FaceBox(100, 200, 24, 30),
        Quality: 0.8f,
        ModelVersion: Model,
        Embedding: embedding,
        // A few carry a thumbnail, so that both the null and the bytea path of the COPY are exercised.
        Thumbnail: index % 1000 == 0 ? new byte[] { 0x89, 0x50, 0x4e, 0x47 } : default);
}
