using Aird.Stream.Cli.Hosting;
using Aird.Stream.Ingest.Worker;
using Aird.Stream.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>How each role of the service is composed in a host: <c>aird ingest</c>, <c>aird recognize</c> and
/// <c>aird match</c> each add one; <c>aird run</c> adds all three to one host.</summary>
internal static class PipelineRoles
{
    /// <summary>The ingest role: cameras from Cameras:Items or the watched JSON file Ingest:CamerasFile.</summary>
    public static void AddIngest(HostApplicationBuilder builder)
    {
        if (builder.Configuration["Ingest:CamerasFile"] is { Length: > 0 } cameras)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(cameras), optional: false, reloadOnChange: true);
        }

        builder.Services.AddAirdIngest(builder.Configuration).AddLocalDetectorModel();
    }

    public static void AddRecognizer(HostApplicationBuilder builder) => builder.Services.AddLocalRecognizer(builder.Configuration);

    public static void AddMatcher(HostApplicationBuilder builder) => builder.Services.AddAirdMatcher(builder.Configuration);

    public static void AddAll(HostApplicationBuilder builder)
    {
        AddIngest(builder);
        AddRecognizer(builder);
        AddMatcher(builder);
    }
}
