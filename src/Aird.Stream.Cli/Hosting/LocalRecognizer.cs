using Aird.Stream.Recognizer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aird.Stream.Cli.Hosting;

/// <summary>The recognizer as the commands use it: configured as usual, its model defaulting to the committed FaceBN student.</summary>
internal static class LocalRecognizer
{
    public static IServiceCollection AddLocalRecognizer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAirdRecognizer(configuration);
        services.PostConfigure<RecognizerOptions>(options =>
        {
            if (string.IsNullOrWhiteSpace(options.Model))
            {
                options.Model = RepositoryLayout.StudentModel(options.FaceBn);
            }
        });
        return services;
    }
}
