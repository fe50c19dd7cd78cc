using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Messaging;
using Aird.Stream.Video;
using Aird.Stream.Vision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Ingest.Worker;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ingest role: <see cref="IngestOptions"/> (section <c>Ingest</c>) with its tracker, quality and
    /// best-shot sub-sections (all checked when the host starts), the cameras (<c>Cameras</c>), face detection
    /// (<c>Vision:Detector</c>; set its <c>ModelPath</c>), Kafka (<c>Kafka</c>), <see cref="IngestMetrics"/> and the
    /// hosted <see cref="IngestWorker"/>.
    /// </summary>
    public static IServiceCollection AddAirdIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAirdCameras(configuration);
        services.AddAirdFaceDetection(configuration);
        services.AddAirdKafka(configuration);
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.SectionName))
            .Validate(o => o.MinFacePx >= 4 && o.MaxFacePx >= o.MinFacePx, "Ingest:MinFacePx must be at least 4 and at most Ingest:MaxFacePx.")
            .Validate(o => ChipEncoder.Supports(o.CropEncoding), "Ingest:CropEncoding must be Png, Jpeg or Bgr24.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DetectorVersion), "Ingest:DetectorVersion must name the detector.")
            .Validate(o => o.CameraCheckIntervalMs >= 1, "Ingest:CameraCheckIntervalMs must be positive.")
            .ValidateOnStart();
        AddChecked<TrackerOptions>(services, configuration, TrackerOptions.SectionName, o => o.Validate());
        AddChecked<FaceQualityOptions>(services, configuration, FaceQualityOptions.SectionName, o => o.Validate());
        AddChecked<BestShotOptions>(services, configuration, BestShotOptions.SectionName, o => o.Validate());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngestMetrics>();
        services.AddHostedService<IngestWorker>();
        return services;
    }

    /// <summary>Binds a record whose own <c>Validate</c> throws, so that its message names the bad setting.</summary>
    private static void AddChecked<T>(IServiceCollection services, IConfiguration configuration, string section, Action<T> validate)
        where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .Validate(o =>
            {
                validate(o);
                return true;
            })
            .ValidateOnStart();
    }
}
