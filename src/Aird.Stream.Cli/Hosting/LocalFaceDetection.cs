using Aird.Stream.Vision;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aird.Stream.Cli.Hosting;

/// <summary>The detector as the commands use it: configured as usual, its model defaulting to the checkout's cache.</summary>
internal static class LocalFaceDetection
{
    public static IServiceCollection AddLocalFaceDetection(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAirdFaceDetection(configuration).AddLocalDetectorModel();

    /// <summary>Where no <c>Vision:Detector:ModelPath</c> is set, the BlazeFace model deploy/setup.sh fetched.</summary>
    public static IServiceCollection AddLocalDetectorModel(this IServiceCollection services) =>
        services.PostConfigure<FaceDetectorOptions>(options =>
        {
            if (string.IsNullOrEmpty(options.ModelPath))
            {
                options.ModelPath = RepositoryLayout.BlazeFaceModel(options.Variant);
            }
        });
}
