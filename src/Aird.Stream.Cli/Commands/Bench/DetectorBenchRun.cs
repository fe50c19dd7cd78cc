using System.CommandLine;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary>
/// What the detector benchmarks share: the host with the configured detector, the optional JSON report, and
/// one-line errors with exit code 1.
/// </summary>
internal static class DetectorBenchRun
{
    public delegate Task<Func<string, CancellationToken, Task>> Measure(
        OnnxSessionFactory sessions, FaceDetectorOptions configured, ILogger<BlazeFaceDetector> logger, CancellationToken cancellationToken);

    /// <param name="measure">Runs the benchmark and returns how to write its JSON report to a path.</param>
    public static async Task<int> RunAsync(
        string commandName, ParseResult parseResult, string? jsonPath, Measure measure, CancellationToken cancellationToken)
    {
        // System.CommandLine hooks Ctrl+C only once the action has returned its task.
        await Task.Yield();
        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Services.AddLocalFaceDetection(builder.Configuration);
        using var host = builder.Build();
        try
        {
            var writeReport = await measure(
                host.Services.GetRequiredService<OnnxSessionFactory>(),
                host.Services.GetRequiredService<IOptions<FaceDetectorOptions>>().Value,
                host.Services.GetRequiredService<ILogger<BlazeFaceDetector>>(),
                cancellationToken);
            if (jsonPath is not null)
            {
                await writeReport(jsonPath, cancellationToken);
                Console.WriteLine($"Wrote {jsonPath}");
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException
            or ArgumentException or ExecutionProviderUnavailableException or OnnxRuntimeException)
        {
            // One line: the message names the file, setting or provider and the cause; a stack trace would not help.
            await Console.Error.WriteLineAsync($"aird bench {commandName}: {e.Message}");
            return 1;
        }
    }
}
