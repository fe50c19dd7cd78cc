using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Recognizer.Tests.Support;
using Aird.Stream.Testing;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aird.Stream.Recognizer.Tests;

/// <summary>
/// The worker as <c>aird recognize</c> hosts it, against the mock Kafka cluster over real TCP, the real PostgreSQL
/// and the real exported FaceBN graph.
/// </summary>
public sealed class RecognizerWorkerTests(MigratedDatabase database, StudentModelFiles models)
    : IClassFixture<MigratedDatabase>, IClassFixture<StudentModelFiles>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _kafka = new();
    private readonly string _crops = Unique("crops");
    private readonly string _embeddings = Unique("embeddings");
    private readonly string _deadLetters = Unique("dlq");
    private readonly string _group = Unique("recognizer");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_good_crop_is_embedded_a_bad_one_is_dead_lettered_and_FaceBN_state_outlives_the_worker()
    {
        _kafka.CreateTopic(_crops, 2);
        _kafka.CreateTopic(_embeddings, 1);
        _kafka.CreateTopic(_deadLetters, 1);
        FaceCrop[] good =
        [
            .. Enumerable.Range(0, 4).Select(i => TestCrops.Png("cam-1", $"cam-1/{i}", i)),
            TestCrops.Create("cam-2", "cam-2/0", ImageEncoding.Jpeg, TestCrops.Encode(TestCrops.Rgb(4, 150), 150, ".jpg"), 150, 150),
            TestCrops.Create("cam-2", "cam-2/1", ImageEncoding.Bgr24, TestCrops.Bgr(TestCrops.Rgb(5, 64)), 64, 64),
            TestCrops.Png("cam-2", "cam-2/2", 6, 32),
        ];
        var garbage = TestCrops.Create("cam-2", "cam-2/garbage", ImageEncoding.Png, [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))], 64, 64);

        await using (var first = await StartAsync())
        {
            foreach (var crop in good.Take(5).Append(garbage).Concat(good.Skip(5)))
            {
                await first.PublishAsync(_crops, crop);
            }

            // At least once: a rebalance may replay a crop whose offset was not committed yet, so a face id can repeat.
            var embeddings = ReadEmbeddings(e => e.Select(m => m.Message.Header.FaceId).Distinct().Count() == good.Length);
            Assert.Equal(good.Select(c => c.Header.FaceId).Order(), embeddings.Select(e => e.Message.Header.FaceId).Distinct().Order());
            foreach (var (key, embedding) in embeddings)
            {
                var crop = good.Single(c => c.Header.FaceId == embedding.Header.FaceId);
                Assert.Equal(crop.Header.CameraId, key);
                Assert.Equal(crop.Header.CameraId, embedding.Header.CameraId);
                Assert.Equal(crop.Header.TrackId, embedding.Header.TrackId);
                Assert.Equal(crop.Header.CaptureTime, embedding.Header.CaptureTime);
                Assert.Equal("blazeface-test", embedding.Header.Models.Detector);
                Assert.Equal(crop.Bbox, embedding.Bbox);
                Assert.Equal(128u, embedding.Dimension);
                Assert.Equal(1.0, Math.Sqrt(EmbeddingVector.Unpack(embedding.Vector, embedding.Dimension).Sum(v => (double)v * v)), 4);
            }

            var version = Assert.Single(embeddings.Select(e => e.Message.Header.Models.Embedder).Distinct());
            Assert.False(string.IsNullOrEmpty(version));

            // Dead-lettered at once, not after retries; a replay after a rebalance may dead-letter it again.
            Assert.All(ReadDeadLetters(), letter =>
            {
                Assert.Equal(_crops, letter.SourceTopic);
                Assert.Equal(garbage.ToByteString(), letter.Payload);
                Assert.Equal("rejected: the 500 image bytes do not decode as Png", letter.Reason);
                Assert.Equal(typeof(MessageRejectedException).FullName, letter.ErrorType);
            });
        }

        // Stopped: every camera's state is saved and counts every face it embedded (replays included), the bad one not.
        Assert.Equal(EmbeddedPerCamera(), await StoredStatesAsync());
        var firstRun = EmbeddedPerCamera().Single(c => c.Camera == "cam-1").FacesSeen;

        await using (var second = await StartAsync())
        {
            await second.PublishAsync(_crops, TestCrops.Png("cam-1", "cam-1/again-0", 0));
            await second.PublishAsync(_crops, TestCrops.Png("cam-1", "cam-1/again-1", 1));

            var resumed = ReadEmbeddings(e => e.Count(m => m.Message.Header.FaceId.Contains("again", StringComparison.Ordinal)) >= 2)
                .Where(e => e.Message.Header.FaceId.Contains("again", StringComparison.Ordinal)).ToList();

            // The second instance normalised with the statistics the first one saved, not the training ones.
            Assert.All(resumed, e => Assert.True(e.Message.FacebnApplied));
        }

        var stored = await StoredStatesAsync();
        Assert.Equal(EmbeddedPerCamera(), stored);
        Assert.True(stored.Single(c => c.Camera == "cam-1").FacesSeen >= firstRun + 2, "the second worker did not resume from the saved state");
    }

    [Fact]
    public async Task One_consumer_embeds_a_backlog_in_full_batches_and_a_bad_crop_fails_only_its_own_batch()
    {
        const int maxBatchSize = 8;
        _kafka.CreateTopic(_crops, 1);
        _kafka.CreateTopic(_embeddings, 1);
        _kafka.CreateTopic(_deadLetters, 1);
        var good = Enumerable.Range(0, 20).Select(i => TestCrops.Png($"backlog-{i % 2}", $"backlog-{i % 2}/{i}", i, 32)).ToList();
        var garbage = TestCrops.Create("backlog-1", "backlog-1/garbage", ImageEncoding.Png, [1, 2, 3], 32, 32);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build())
        {
            foreach (var crop in good.Take(10).Append(garbage).Concat(good.Skip(10)))
            {
                await producer.ProduceAsync(_crops, new Message<string, byte[]> { Key = crop.Header.CameraId, Value = ContractCodec.Serialize(crop) }, Cancel);
            }
        }

        var inferences = new ConcurrentQueue<(object? Scope, int Size)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecognizerMetrics.MeterName && instrument.Name == "aird.recognizer.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, size, _, _) => inferences.Enqueue((instrument.Meter.Scope, size)));
        listener.Start();

        await using (var worker = await StartAsync(consumers: 1, maxBatchSize: maxBatchSize, maxWaitMs: 1000))
        {
            var embeddings = ReadEmbeddings(e => e.Count >= good.Count);
            Assert.Equal(good.Select(c => c.Header.FaceId).Order(), embeddings.Select(e => e.Message.Header.FaceId).Order());
            Assert.Equal("backlog-1/garbage", FaceCrop.Parser.ParseFrom(Assert.Single(ReadDeadLetters()).Payload).Header.FaceId);

            // Offsets 0-7 in one inference; 8-15 (seven good crops and the bad one) one at a time; 16-20 together.
            var meters = worker.Services.GetRequiredService<IMeterFactory>();
            Assert.Equal([maxBatchSize, 1, 1, 1, 1, 1, 1, 1, 5], inferences.Where(i => i.Scope == meters).Select(i => i.Size));
        }
    }

    [Fact]
    public async Task A_missing_model_fails_the_worker_with_the_path_in_the_error()
    {
        _kafka.CreateTopic(_crops, 1);
        var missing = Path.Combine(Path.GetTempPath(), $"{Unique("no-such-model")}.onnx");

        var worker = await StartAsync(missing);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => worker.Worker.ExecuteTask!.WaitAsync(Patience, Cancel));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        await worker.Services.DisposeAsync();
    }

    public void Dispose() => _kafka.Dispose();

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    private async Task<RunningWorker> StartAsync(string? model = null, int consumers = 2, int maxBatchSize = 32, int maxWaitMs = 20)
    {
        var settings = MockBrokerSettings.For(_kafka.BootstrapServers, "aird-recognizer-tests");
        settings["Kafka:Topics:Crops"] = _crops;
        settings["Kafka:Topics:Embeddings"] = _embeddings;
        settings["Kafka:Topics:DeadLetters"] = _deadLetters;
        settings["Postgres:ConnectionString"] = database.ConnectionString;
        settings["Recognizer:Model"] = model ?? models.FaceBn;
        settings["Recognizer:FaceBn"] = "true";
        settings["Recognizer:Provider"] = "Cpu";
        settings["Recognizer:IntraOpThreads"] = "2";
        settings["Recognizer:GroupId"] = _group;
        settings["Recognizer:Consumers"] = consumers.ToString(CultureInfo.InvariantCulture);
        settings["Recognizer:MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture);
        settings["Recognizer:MaxWaitMs"] = maxWaitMs.ToString(CultureInfo.InvariantCulture);
        settings["Recognizer:SaveEveryFaces"] = "1000000";
        settings["Recognizer:SaveEveryMs"] = "3600000";
        var provider = new ServiceCollection()
            .AddAirdRecognizer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.AddProvider(new TestOutputLogger()))
            .BuildServiceProvider(validateScopes: true);
        var worker = Assert.IsType<RecognizerWorker>(Assert.Single(provider.GetServices<IHostedService>()));
        await worker.StartAsync(Cancel);
        return new RunningWorker(provider, worker);
    }

    private List<(string Key, FaceEmbedding Message)> ReadEmbeddings(Func<List<(string Key, FaceEmbedding Message)>, bool>? enough = null)
    {
        var embeddings = new List<(string Key, FaceEmbedding Message)>();
        Read(_embeddings, m => embeddings.Add((m.Key, FaceEmbedding.Parser.ParseFrom(m.Value))), enough is null ? null : () => enough(embeddings));
        return embeddings;
    }

    /// <summary>How many embeddings the topic holds per camera: each is one face in that camera's statistics.</summary>
    private List<(string Camera, long FacesSeen)> EmbeddedPerCamera() =>
        [.. ReadEmbeddings().GroupBy(e => e.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()))];

    private List<DeadLetter> ReadDeadLetters()
    {
        var letters = new List<DeadLetter>();
        Read(_deadLetters, m => letters.Add(DeadLetter.Parser.ParseFrom(m.Value)), () => letters.Count > 0);
        return letters;
    }

    /// <summary>
    /// Reads the single-partition topic from its start until <paramref name="enough"/> holds (failing after
    /// <see cref="Patience"/>), then on until it stays quiet for a second; without a condition, until it is quiet.
    /// </summary>
    private void Read(string topic, Action<Message<string, byte[]>> add, Func<bool>? enough)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = Unique("reader"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var deadline = DateTime.UtcNow + Patience;
        var quietSince = DateTime.UtcNow;
        while (!(enough?.Invoke() ?? true) || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(1))
        {
            Assert.True(DateTime.UtcNow < deadline, $"What the test waits for did not arrive on {topic} within {Patience.TotalSeconds} s.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                quietSince = DateTime.UtcNow;
                add(result.Message);
            }
        }
    }

    /// <summary>The stored states of the cameras named cam-*: the other tests of this class (same database) use other names.</summary>
    private async Task<List<(string Camera, long FacesSeen)>> StoredStatesAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT camera_id, faces_seen FROM facebn_state WHERE camera_id LIKE 'cam-%' ORDER BY camera_id");
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>One worker instance with its own services, stopped (state saved, offsets committed) on disposal.</summary>
    private sealed class RunningWorker(ServiceProvider provider, RecognizerWorker worker) : IAsyncDisposable
    {
        public ServiceProvider Services => provider;

        public RecognizerWorker Worker => worker;

        public async Task PublishAsync(string topic, FaceCrop crop) =>
            await provider.GetRequiredService<KafkaProducer<FaceCrop>>().ProduceAsync(topic, crop.Header.CameraId, crop, Cancel);

        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully, $"The worker failed: {worker.ExecuteTask.Exception}");
            await provider.DisposeAsync();
        }
    }
}
