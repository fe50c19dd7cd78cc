using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Evaluation.Degradations;
using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Evaluation.Reporting;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Teacher;
using Aird.Stream.Vision;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird eval</c>: the protocols of docs/evaluation.md on a dataset in LFW layout.</summary>
internal static class EvalCommand
{
    private const string TeacherName = "teacher";
    private const string StudentName = "student";
    private const string StudentFaceBnName = "student-facebn";

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "'teacher', 'student' (models/student/student.onnx), 'student-facebn' (its FaceBN graph) or the path of an embedder ONNX file (plain or FaceBN).",
            DefaultValueFactory = _ => TeacherName,
        };
        var cameraStream = new Option<bool>("--camera-stream")
        {
            Description = "FaceBN models: stream each probe set as one camera through its own FaceBN state (adapting batch by batch) instead of the training statistics.",
        };
        var mirror = new Option<bool>("--mirror")
        {
            Description = "Mirror fusion: embed each chip and its mirror image and use their normalised sum (twice the cost). Not with --camera-stream or camera_shift.",
        };
        var dataset = new Option<string>("--dataset") { Description = "A folder of identity folders of images (LFW layout). Default: LFW beside the checkout." };
        var pairs = new Option<string>("--pairs") { Description = "A pairs file in LFW's format. Default: pairsDevTest.txt next to the dataset folder." };
        var people = new Option<string>("--people") { Description = "People file for open-set identification. Default: peopleDevTest.txt next to the dataset folder, if present." };
        var protocols = new Option<string[]>("--protocol")
        {
            Description = "Protocols to run (repeatable): hr, one_side_lr, both_side_lr, open_set, camera_shift (FaceBN models). Default: all the model supports.",
            AllowMultipleArgumentsPerToken = true,
        };
        protocols.AcceptOnlyFromAmong(ProtocolNames.HighResolution, ProtocolNames.OneSideLowResolution, ProtocolNames.BothSideLowResolution, ProtocolNames.OpenSet, ProtocolNames.CameraShift);
        var sizes = new Option<int[]>("--sizes") { Description = "One-side LR sizes in px.", DefaultValueFactory = _ => [8, 12, 16, 20, 24, 32], AllowMultipleArgumentsPerToken = true };
        var bothSizes = new Option<int[]>("--both-sizes") { Description = "Both-side LR and open-set probe sizes in px.", DefaultValueFactory = _ => [16, 24], AllowMultipleArgumentsPerToken = true };
        var json = new Option<string>("--json") { Description = "Write the JSON report here." };
        var plots = new Option<string>("--plots") { Description = "Folder for the ROC and DET PNGs, named after the --json report (else after the model and the pairs file). Default: next to --json, else ./out/eval." };
        var minFace = new Option<int>("--min-face") { Description = "Smallest face width the detector looks for, px (photos like LFW's: 40).", DefaultValueFactory = _ => 40 };
        var maxFace = new Option<int>("--max-face") { Description = "Largest face width the detector looks for, px.", DefaultValueFactory = _ => 250 };
        var provider = new Option<ExecutionProviderPreference>("--provider") { Description = "ONNX Runtime provider.", DefaultValueFactory = _ => ExecutionProviderPreference.Auto };

        var command = new Command("eval", "Evaluate an embedder (verification HR-HR, one-side and both-side LR, open-set identification) with the service's own detection and alignment; prints a table, writes a JSON report and ROC/DET plots. Embeddings are cached per model file and input variant under .cache/eval.")
        {
            model, cameraStream, mirror, dataset, pairs, people, protocols, sizes, bothSizes, json, plots, minFace, maxFace, provider,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var lfw = Path.Combine(RepositoryLayout.Lfw, "lfw-deepfunneled");
            var datasetPath = Path.GetFullPath(parseResult.GetValue(dataset) ?? lfw);
            var parent = Path.GetDirectoryName(datasetPath)!;
            var peoplePath = parseResult.GetValue(people) ?? Path.Combine(parent, "peopleDevTest.txt");
            var request = new EvalRequest(
                parseResult.GetValue(model)!,
                parseResult.GetValue(cameraStream),
                parseResult.GetValue(mirror),
                datasetPath,
                Path.GetFullPath(parseResult.GetValue(pairs) ?? Path.Combine(parent, "pairsDevTest.txt")),
                File.Exists(peoplePath) ? peoplePath : null,
                parseResult.GetValue(protocols) is { Length: > 0 } chosen ? chosen.ToHashSet(StringComparer.Ordinal) : null,
                parseResult.GetValue(sizes)!,
                parseResult.GetValue(bothSizes)!,
                parseResult.GetValue(json),
                parseResult.GetValue(plots),
                parseResult.GetValue(minFace),
                parseResult.GetValue(maxFace),
                parseResult.GetValue(provider));
            return RunAsync(parseResult, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, EvalRequest request, CancellationToken cancellationToken)
    {
        var builder = AirdHost.CreateBuilder(parseResult);
        builder.Services.AddLocalFaceDetection(builder.Configuration);
        builder.Services.PostConfigure<FaceDetectorOptions>(options =>
        {
            options.MinFacePx = request.MinFacePx;
            options.MaxFacePx = request.MaxFacePx;
        });
        builder.Services.AddSingleton<OnnxSessionFactory>();
        using var host = builder.Build();

        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var path in new[] { request.Dataset, request.PairsFile })
            {
                if (!Path.Exists(path))
                {
                    throw new FileNotFoundException($"'{path}' does not exist.", path);
                }
            }

            var modelPath = request.Model switch
            {
                TeacherName => TeacherModel.EnsureConverted(RepositoryLayout.Cache),
                StudentName => RepositoryLayout.StudentModel(faceBn: false),
                StudentFaceBnName => RepositoryLayout.StudentModel(faceBn: true),
                _ => Path.GetFullPath(request.Model),
            };
            if (!File.Exists(modelPath))
            {
                throw new FileNotFoundException($"The model '{modelPath}' does not exist.", modelPath);
            }

            var session = host.Services.GetRequiredService<OnnxSessionFactory>().Create(modelPath, new OnnxRuntimeOptions { Provider = request.Provider });

            // The evaluated model owns the session from here on.
            using var evaluated = Evaluated(request, modelPath, session);
            var faceBn = evaluated as FaceBnEvaluatedModel;
            if (request.CameraStream && faceBn is null)
            {
                throw new InvalidDataException($"--camera-stream needs a FaceBN model; '{modelPath}' has no FaceBN interface.");
            }

            if (request.Mirror && (request.CameraStream || request.Protocols?.Contains(ProtocolNames.CameraShift) == true))
            {
                throw new InvalidDataException("--mirror cannot be combined with --camera-stream or camera_shift: mirrored probes would adapt FaceBN twice.");
            }

            var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)));
            var faces = new EvaluationFaces(host.Services.GetRequiredService<BlazeFaceDetector>(), request.Dataset);
            var progress = new ConsoleProgress();
            var mode = request.CameraStream ? "stream" : request.Mirror ? "mirror" : "plain";
            using var measured = request.Mirror ? new MirrorFusedModel(evaluated) : null;
            var runner = new EvaluationRunner(faces, measured ?? evaluated, new EmbeddingCache(RepositoryLayout.Cache, sha256, mode), progress);

            var pairList = PairsFile.Read(request.PairsFile);
            var verification = runner.Verify(
                pairList,
                request.Wants(ProtocolNames.HighResolution),
                request.Wants(ProtocolNames.OneSideLowResolution) ? request.OneSideSizes : [],
                request.Wants(ProtocolNames.BothSideLowResolution) ? request.BothSideSizes : [],
                cancellationToken);
            var people = request.PeopleFile is null ? null : PeopleFile.Read(request.PeopleFile);
            if (people is null && (request.Wants(ProtocolNames.OpenSet) || request.Wants(ProtocolNames.CameraShift)))
            {
                await Console.Error.WriteLineAsync("No people file: open-set identification skipped (give --people).");
            }

            var openSet = new List<LabelledCurve>();
            if (request.Wants(ProtocolNames.OpenSet) && people is not null)
            {
                openSet.AddRange(request.BothSideSizes.Select(s => runner.Identify(people, s, cancellationToken)));
            }

            CameraShiftResult? cameraShift = null;
            if (request.Protocols?.Contains(ProtocolNames.CameraShift) == true && faceBn is null)
            {
                throw new InvalidDataException($"camera_shift needs a FaceBN model; '{modelPath}' has no FaceBN interface.");
            }

            if (request.Wants(ProtocolNames.CameraShift) && faceBn is not null && !request.Mirror)
            {
                cameraShift = new CameraShiftRunner(faces, faceBn.Session, progress).Run(pairList, people, CameraProfile.Defaults, cancellationToken);
            }

            verification = [.. verification, .. cameraShift?.Rows.Where(r => r.Row.Accuracy is not null) ?? []];
            openSet = [.. openSet, .. cameraShift?.Rows.Where(r => r.Row.Rank1 is not null) ?? []];
            var report = new EvaluationReport(
                new ModelInfo((measured ?? evaluated).Name, modelPath, sha256),
                new DatasetInfo(request.Dataset, request.PairsFile),
                verification.Concat(openSet).Select(c => c.Row).ToList(),
                faces.NotDetected,
                Math.Round(stopwatch.Elapsed.TotalSeconds, 1))
            {
                FaceBnWarmup = cameraShift?.Warmup,
            };
            await Console.Out.WriteLineAsync(ResultTable.Format(report));
            WriteOutputs(request, report, verification, openSet);
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException or ExecutionProviderUnavailableException or OnnxRuntimeException)
        {
            await Console.Error.WriteLineAsync($"aird eval: {e.Message}");
            return 1;
        }
    }

    private static EvaluatedModel Evaluated(EvalRequest request, string modelPath, OnnxSession session)
    {
        var name = request.Model == TeacherName ? TeacherName : Path.GetFileNameWithoutExtension(modelPath);
        if (session.Session.InputMetadata.Count > 1)
        {
            return new FaceBnEvaluatedModel(request.CameraStream ? $"{name}+stream" : name, new FaceBnSession(session), request.CameraStream);
        }

        var info = request.Model == TeacherName ? EmbedderModelInfo.Teacher : EmbedderModelInfo.Describe(name, session.Session);
        return new PlainEvaluatedModel(new FaceEmbedder(session, info));
    }

    private static void WriteOutputs(EvalRequest request, EvaluationReport report, IReadOnlyList<LabelledCurve> verification, List<LabelledCurve> openSet)
    {
        var title = $"{report.Model.Name}, {Path.GetFileName(request.PairsFile)}";
        var plots = request.PlotsFolder ?? (request.JsonPath is { } j ? Path.GetDirectoryName(Path.GetFullPath(j))! : Path.Combine("out", "eval"));
        // Named after the report they belong to, so that two reports in one folder never overwrite each other's plots.
        var stem = request.JsonPath is null
            ? $"{report.Model.Name}-{Path.GetFileNameWithoutExtension(request.PairsFile)}"
            : Path.GetFileNameWithoutExtension(request.JsonPath);
        if (request.JsonPath is { } jsonPath)
        {
            ReportJson.Write(jsonPath, report);
            Console.Error.WriteLine($"Report: {jsonPath}");
        }

        if (verification.Count > 0)
        {
            var roc = Path.Combine(plots, $"{stem}-roc.png");
            CurvePlots.SaveRoc(roc, $"ROC: {title}", verification.Select(c => (c.Label, c.Curve)));
            Console.Error.WriteLine($"ROC plot: {roc}");
        }

        if (openSet.Count > 0)
        {
            var det = Path.Combine(plots, $"{stem}-det.png");
            CurvePlots.SaveDet(det, $"DET, open-set: {title}", openSet.Select(c => (c.Label, c.Curve)));
            Console.Error.WriteLine($"DET plot: {det}");
        }
    }

    private sealed record EvalRequest(
        string Model,
        bool CameraStream,
        bool Mirror,
        string Dataset,
        string PairsFile,
        string? PeopleFile,
        IReadOnlySet<string>? Protocols,
        int[] OneSideSizes,
        int[] BothSideSizes,
        string? JsonPath,
        string? PlotsFolder,
        int MinFacePx,
        int MaxFacePx,
        ExecutionProviderPreference Provider)
    {
        public bool Wants(string protocol) => Protocols is null || Protocols.Contains(protocol);
    }
}
