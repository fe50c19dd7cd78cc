using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Video;

public static class VideoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CamerasOptions"/> (section <c>Cameras</c>, followed on reload), <see cref="CameraHealthRegistry"/>,
    /// <see cref="CameraMetrics"/>, <see cref="CameraFrameChannel"/> and the <see cref="CameraFleet"/> hosted service.
    /// To keep cameras in their own file, add it to the configuration first:
    /// <c>configuration.AddJsonFile("cameras.json", optional: false, reloadOnChange: true)</c>.
    /// </summary>
    public static IServiceCollection AddAirdCameras(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CamerasOptions>().Bind(configuration.GetSection(CamerasOptions.SectionName));
        services.AddMetrics();
        services.TryAddSingleton<CameraHealthRegistry>();
        services.TryAddSingleton<CameraMetrics>();
        services.TryAddSingleton<CameraFrameChannel>();
        services.AddHostedService<CameraFleet>();
        return services;
    }
}
