using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Vision;

public static class VisionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FaceDetectorOptions"/> (section <c>Vision:Detector</c>) and one shared
    /// <see cref="BlazeFaceDetector"/>; the model is loaded, and the settings checked, when it is first resolved.</summary>
    public static IServiceCollection AddAirdFaceDetection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FaceDetectorOptions>().Bind(configuration.GetSection(FaceDetectorOptions.SectionName));
        services.TryAddSingleton<OnnxSessionFactory>();
        services.TryAddSingleton<BlazeFaceDetector>();
        return services;
    }
}
