using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Teacher;
using Aird.Stream.Training;
using Aird.Stream.Training.Data;
using Aird.Stream.Training.Distillation;
using Aird.Stream.Training.Teacher;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird train</c>: AIRD distillation of the student from the teacher (docs/aird-method.md) on TorchSharp, CPU.</summary>
internal static class TrainCommand
{
    private const string InstanceLoss = "ild";
    private const string RelationLoss = "rld";

    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var dataset = new Option<string>("--dataset") { Description = "A folder of identity folders of images (LFW layout). Default: LFW beside the checkout." };
        var people = new Option<string>("--people") { Description = "The training identities (LFW people file). Default: peopleDevTrain.txt next to the dataset folder." };
        var maxPeople = new Option<int?>("--max-people") { Description = "Train on the first N identities only (quick runs and tests)." };
        var output = new Option<string>("--out") { Description = "Folder for checkpoints, the log, the loss plot and the ONNX graphs.", DefaultValueFactory = _ => Path.Combine("out", "train", "aird") };
        var resume = new Option<bool>("--resume") { Description = "Continue the run whose checkpoint is in --out (same options)." };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => defaults.BatchSize };
        var learningRate = new Option<double>("--lr") { Description = "Peak AdamW learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "TorchSharp compute threads.", DefaultValueFactory = _ => defaults.Threads };
        var losses = new Option<string[]>("--loss")
        {
            Description = "Distillation terms (repeatable): ild (L_IlD), rld (L_RlD). Default: both (AIRD).",
            AllowMultipleArgumentsPerToken = true,
        };
        losses.AcceptOnlyFromAmong(InstanceLoss, RelationLoss);
        var predictionWeight = new Option<double>("--prediction-weight") { Description = "a: weight of the prediction KL inside L_IlD.", DefaultValueFactory = _ => defaults.Losses.PredictionWeight };
        var relationWeight = new Option<double>("--relation-weight") { Description = "b: weight of L_RlD.", DefaultValueFactory = _ => defaults.Losses.RelationWeight };
        var temperature = new Option<double>("--temperature") { Description = "T of the prototype classifier.", DefaultValueFactory = _ => defaults.Losses.Temperature };
        var relationTemperature = new Option<double>("--relation-temperature") { Description = "tau of the relation softmax.", DefaultValueFactory = _ => defaults.Losses.RelationTemperature };
        var views = new Option<int>("--views")
        {
            Description = "Jittered re-alignments per training image (small rotation, scale and shift, as a detector's keypoint error on a small face gives), each embedded by the teacher when the set is built. 0: the aligned chip alone.",
            DefaultValueFactory = _ => defaults.Jitter.Views,
        };
        var cleanShare = new Option<double>("--clean-share") { Description = "Share of high-resolution (undegraded) training inputs.", DefaultValueFactory = _ => defaults.Degradation.CleanShare };
        var oneCameraPerBatch = new Option<bool>("--one-camera-per-batch")
        {
            Description = "Draw the degradation once per batch, as if each batch came from one camera, so that BatchNorm trains on the per-camera statistics FaceBN adapts to.",
            DefaultValueFactory = _ => defaults.Degradation.OneCameraPerBatch,
        };

        // Rejected while parsing: a zero temperature or a negative weight would otherwise train on NaN or inverted losses.
        OptionRules.Require(epochs, v => v >= 1, "--epochs must be at least 1.");
        OptionRules.Require(batchSize, v => v >= 2, "--batch-size must be at least 2 (the relation term compares faces within a batch).");
        OptionRules.Require(learningRate, v => v > 0, "--lr must be above 0.");
        OptionRules.Require(threads, v => v >= 1, "--threads must be at least 1.");
        OptionRules.Require(predictionWeight, v => v >= 0, "--prediction-weight must not be negative.");
        OptionRules.Require(relationWeight, v => v >= 0, "--relation-weight must not be negative.");
        OptionRules.Require(temperature, v => v > 0, "--temperature must be above 0.");
        OptionRules.Require(relationTemperature, v => v > 0, "--relation-temperature must be above 0.");
        OptionRules.Require(cleanShare, v => v is >= 0 and <= 1, "--clean-share must lie in [0, 1].");
        OptionRules.Require(views, v => v >= 0, "--views must not be negative.");

        var command = new Command("train", "Distil the student from the teacher with AIRD (L_IlD, L_RlD) on degraded faces of the training identities; writes checkpoints, training-log.csv, training-loss.png and the folded and FaceBN ONNX graphs into --out. Chips and teacher embeddings are computed once and cached under .cache/train.")
        {
            dataset, people, maxPeople, output, resume, epochs, batchSize, learningRate, seed, threads, losses,
            predictionWeight, relationWeight, temperature, relationTemperature, cleanShare, oneCameraPerBatch, views,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(losses) is { Length: > 0 } l ? l : [InstanceLoss, RelationLoss];
            var options = defaults with
            {
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batchSize),
                LearningRate = parseResult.GetValue(learningRate),
                Seed = parseResult.GetValue(seed),
                Threads = parseResult.GetValue(threads),
                Losses = defaults.Losses with
                {
                    Instance = chosen.Contains(InstanceLoss),
                    Relation = chosen.Contains(RelationLoss),
                    PredictionWeight = parseResult.GetValue(predictionWeight),
                    RelationWeight = parseResult.GetValue(relationWeight),
                    Temperature = parseResult.GetValue(temperature),
                    RelationTemperature = parseResult.GetValue(relationTemperature),
                },
                Degradation = defaults.Degradation with { CleanShare = parseResult.GetValue(cleanShare), OneCameraPerBatch = parseResult.GetValue(oneCameraPerBatch) },
                Jitter = defaults.Jitter with { Views = parseResult.GetValue(views) },
            };
            var datasetPath = Path.GetFullPath(parseResult.GetValue(dataset) ?? Path.Combine(RepositoryLayout.Lfw, "lfw-deepfunneled"));
            var peoplePath = Path.GetFullPath(parseResult.GetValue(people) ?? Path.Combine(Path.GetDirectoryName(datasetPath)!, "peopleDevTrain.txt"));
            return RunAsync(
                parseResult,
                new TrainRequest(datasetPath, peoplePath, parseResult.GetValue(maxPeople), Path.GetFullPath(parseResult.GetValue(output)!), parseResult.GetValue(resume), options),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, TrainRequest request, CancellationToken cancellationToken)
    {
        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Services.AddLocalFaceDetection(builder.Configuration);

        // Training photos are LFW-like: one large face near the centre.
        builder.Services.PostConfigure<FaceDetectorOptions>(o => (o.MinFacePx, o.MaxFacePx) = (40, 250));
        builder.Services.AddSingleton<OnnxSessionFactory>();
        using var host = builder.Build();
        try
        {
            foreach (var path in new[] { request.Dataset, request.PeopleFile })
            {
                if (!Path.Exists(path))
                {
                    throw new FileNotFoundException($"'{path}' does not exist.", path);
                }
            }

            var people = PeopleFile.Read(request.PeopleFile);
            if (request.MaxPeople is { } max)
            {
                people = people.Take(max).ToList();
            }

            var teacherPath = TeacherModel.EnsureConverted(RepositoryLayout.Cache);
            var set = await Task.Run(() => LoadOrBuildSet(host.Services, request, people, teacherPath, cancellationToken), cancellationToken);
            var views = set.JitteredViews == 1 ? "1 jittered view" : $"{set.JitteredViews} jittered views";
            await Console.Error.WriteLineAsync($"Training set: {set.Faces.Count} faces of {set.IdentityCount} identities, {views} of each, from {request.PeopleFile}.");

            var manifest = Path.Combine(RepositoryLayout.Cache, "models", "@vladmandic", "face-api", "model", "face_recognition_model-weights_manifest.json");
            using var teacher = DlibResNetModule.FromFaceApi(FaceApiWeights.Load(manifest));
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["training_data"] = $"{set.Faces.Count} faces, {set.IdentityCount} identities of {Path.GetFileName(request.PeopleFile)} ({request.Dataset})",
                ["teacher"] = "face-api dlib ResNet (@vladmandic/face-api 1.7.15)",
            };
            var result = await new Trainer(request.Options).RunAsync(
                set, teacher, request.Output, request.Resume, metadata, new TrainingConsoleProgress(), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Trained {Trainer.Describe(request.Options.Losses)} in {result.Seconds:F0} s ({result.SecondsPerEpoch:F0} s per epoch), model version {result.ModelVersion}.\n" +
                $"  folded: {result.FoldedModel}\n  FaceBN: {result.FaceBnModel}\n  log:    {result.Log}\n  plot:   {result.LossPlot}"));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"aird train: stopped; the checkpoint in '{request.Output}' continues with --resume.");
            return 130;
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or InvalidOperationException or InvalidDataException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"aird train: {e.Message}");
            return 1;
        }
    }

    private static TrainingSet LoadOrBuildSet(
        IServiceProvider services, TrainRequest request, IReadOnlyList<(string Name, int Images)> people, string teacherPath, CancellationToken cancellationToken)
    {
        // The seed only draws the jitters: a set without views is the same for every seed and is built once.
        var key = string.Join('\n', people.Select(p => $"{p.Name}\t{p.Images}"))
            + $"\n{request.Dataset}\n{EmbeddingCache.PipelineVersion}\n{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(teacherPath)))}"
            + (request.Options.Jitter.Views == 0 ? "" : $"\n{JsonSerializer.Serialize(request.Options.Jitter)}\n{request.Options.Seed}");
        var cachePath = Path.Combine(RepositoryLayout.Cache, "train", $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}.bin");
        if (TrainingSet.Load(cachePath) is { } cached)
        {
            return cached;
        }

        var faces = new EvaluationFaces(services.GetRequiredService<BlazeFaceDetector>(), request.Dataset);
        var session = services.GetRequiredService<OnnxSessionFactory>().Create(teacherPath, new OnnxRuntimeOptions());
        using var embedder = new FaceEmbedder(session, EmbedderModelInfo.Teacher);
        var set = TrainingSetBuilder.Build(people, faces, embedder, request.Options.Jitter, request.Options.Seed, new ConsoleProgress(), cancellationToken);
        if (faces.NotDetected > 0)
        {
            Console.Error.WriteLine($"{faces.NotDetected} training images had no detected face and use a centred crop.");
        }

        set.Save(cachePath);
        return set;
    }

    private sealed record TrainRequest(string Dataset, string PeopleFile, int? MaxPeople, string Output, bool Resume, TrainingOptions Options);
}
