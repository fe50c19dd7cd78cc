using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Aird.Stream.Cli.Benchmarks;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Models.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Cli.Commands.Bench;

/// <summary><c>aird bench embed</c>: faces per second of a face embedder.</summary>
internal static class BenchEmbedCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = $"The embedder: '{EmbedBenchRunner.TeacherModelName}' (converted into --cache on first use) or the path of an "
                + "ONNX model with input float32 NCHW [N,3,S,S] RGB 0..255 and output [N,D].",
            HelpName = $"{EmbedBenchRunner.TeacherModelName}|PATH.onnx",
            DefaultValueFactory = _ => EmbedBenchRunner.TeacherModelName,
        };
        var compare = new Option<string?>("--compare")
        {
            Description = "A baseline embedder (same forms as --model) measured in the same run; adds --model's faces/s divided by the baseline's.",
            HelpName = $"{EmbedBenchRunner.TeacherModelName}|PATH.onnx",
        };
        var provider = BenchOptions.Provider();
        var batches = new Option<int[]>("--batch")
        {
            Description = "Batch sizes to measure, comma-separated.",
            HelpName = "N[,N...]",
            DefaultValueFactory = _ => [1, 32],
            CustomParser = BenchOptions.NumberList("--batch", "batch sizes", 1, 4096),
        };
        var seconds = BenchOptions.Seconds("Measured time per model, provider and batch size, after a warm-up of 3 batches; at least 5 batches are timed.");
        var threads = BenchOptions.Threads();
        var images = new Option<string?>("--images")
        {
            Description = "Folder searched recursively for images whose centre crops are the chips (the first 64 in path order). "
                + "Default: ../shared/data/lfw/lfw-deepfunneled from the repository root (else the current directory); "
                + "where that holds no image, random-pixel chips are used and the output says so.",
            HelpName = "DIR",
        };
        var cache = new Option<string?>("--cache")
        {
            Description = "The model cache deploy/setup.sh fills (the teacher's source weights and its conversion). Default: .cache in the repository root.",
            HelpName = "DIR",
        };
        var json = BenchOptions.Json("name, machine, chips, rows, ratios");

        var command = new Command(
            "embed",
            "Faces per second of a face embedder at each batch size, on the CPU and on CUDA where it loads, with a "
            + "warm-up first. Prints a table on stdout; progress and logs go to stderr.")
        {
            model, compare, provider, batches, seconds, threads, images, cache, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var imagesFolder = parseResult.GetValue(images);
            var settings = new EmbedBenchSettings(
                parseResult.GetValue(model)!,
                parseResult.GetValue(compare),
                parseResult.GetValue(provider),
                parseResult.GetValue(batches)!,
                TimeSpan.FromSeconds(parseResult.GetValue(seconds)),
                parseResult.GetValue(threads),
                imagesFolder ?? Path.Combine(RepositoryLayout.Lfw, "lfw-deepfunneled"),
                parseResult.GetValue(cache) ?? RepositoryLayout.Cache);
            return RunAsync(parseResult, settings, imagesFolder is not null, parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, EmbedBenchSettings settings, bool imagesGiven, string? jsonPath, CancellationToken cancellationToken)
    {
        // System.CommandLine hooks Ctrl+C only once the action has returned its task.
        await Task.Yield();
        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Services.AddSingleton<OnnxSessionFactory>();
        using var host = builder.Build();
        try
        {
            if (imagesGiven && !Directory.Exists(settings.ImagesFolder))
            {
                throw new DirectoryNotFoundException($"The image folder '{settings.ImagesFolder}' does not exist.");
            }

            var runner = new EmbedBenchRunner(host.Services.GetRequiredService<OnnxSessionFactory>(), settings, Console.Out);
            var report = runner.Run(cancellationToken);
            if (jsonPath is not null)
            {
                await report.WriteAsync(jsonPath, cancellationToken);
                Console.WriteLine($"Wrote {jsonPath}");
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
            or ExecutionProviderUnavailableException or OnnxRuntimeException)
        {
            // One line: the message names the file or the provider and the cause; a stack trace would not help.
            await Console.Error.WriteLineAsync($"aird bench embed: {e.Message}");
            return 1;
        }
    }
}
