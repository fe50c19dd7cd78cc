using System.Globalization;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Teacher;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// Runs <c>aird bench embed</c>: every model on every provider at every batch size, in one process so that the
/// ratios between models are measured side by side. Under <see cref="ExecutionProviderPreference.Auto"/> the CPU
/// is always measured and CUDA as well when it loads.
/// </summary>
internal sealed class EmbedBenchRunner(OnnxSessionFactory sessions, EmbedBenchSettings settings, TextWriter output)
{
    public const string TeacherModelName = "teacher";

    // Enough different faces that a batch of 32 holds no repeats; larger batches cycle through them.
    private const int ChipCount = 64;

    private const int ComparisonRounds = 5;

    public EmbedBenchReport Run(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Current();
        output.WriteLine($"Machine: {machine}");

        var embedders = new List<FaceEmbedder>();
        try
        {
            OpenAll(embedders);
            var chips = new Dictionary<int, BenchChips>();
            foreach (var size in embedders.Select(e => e.Model.ChipSize).Distinct())
            {
                chips[size] = BenchChips.Load(settings.ImagesFolder, size, ChipCount);
                output.WriteLine($"Chips: {chips[size].Source.Count} of {size}x{size}, {chips[size].Source.Description}");
            }

            var rows = Measure(embedders, chips, cancellationToken);
            var names = embedders.Select(e => e.Model.Name).Distinct().ToList();
            var ratios = names.Count == 2 ? EmbedRatio.Between(rows, baseline: names[1], model: names[0]) : [];
            output.Write(Table(rows));
            if (ratios.Count > 0)
            {
                output.WriteLine();
                output.Write(Table(ratios));
            }

            return new EmbedBenchReport(machine, chips[embedders[0].Model.ChipSize].Source, rows, ratios);
        }
        finally
        {
            embedders.ForEach(e => e.Dispose());
        }
    }

    private void OpenAll(List<FaceEmbedder> embedders)
    {
        ExecutionProviderPreference[] preferences = settings.Provider == ExecutionProviderPreference.Auto
            ? [ExecutionProviderPreference.Cpu, ExecutionProviderPreference.Auto]
            : [settings.Provider];
        foreach (var preference in preferences)
        {
            foreach (var (model, name) in ModelsToRun())
            {
                var embedder = Open(model, name, preference);
                if (preference == ExecutionProviderPreference.Auto && embedder.Provider == OnnxExecutionProvider.Cpu)
                {
                    // Auto fell back (the factory logged why): this model's CPU rows are measured already.
                    embedder.Dispose();
                    output.WriteLine($"CUDA: not available for {name} here, so CPU rows only.");
                    continue;
                }

                embedders.Add(embedder);
            }
        }
    }

    private List<(string Model, string Name)> ModelsToRun()
    {
        var first = NameOf(settings.Model);
        if (settings.Compare is null)
        {
            return [(settings.Model, first)];
        }

        // Two files of the same name would make their rows indistinguishable.
        var second = NameOf(settings.Compare);
        return [(settings.Model, first), (settings.Compare, second == first ? $"{second}-compared" : second)];
    }

    private static string NameOf(string model) => model == TeacherModelName ? TeacherModelName : Path.GetFileNameWithoutExtension(model);

    private FaceEmbedder Open(string model, string name, ExecutionProviderPreference preference)
    {
        var isTeacher = model == TeacherModelName;
        var path = isTeacher ? TeacherModel.EnsureConverted(settings.CacheFolder) : model;
        var session = sessions.Create(path, new OnnxRuntimeOptions { Provider = preference, IntraOpThreads = settings.Threads });
        try
        {
            var info = isTeacher ? EmbedderModelInfo.Teacher with { Name = name } : EmbedderModelInfo.Describe(name, session.Session);
            return new FaceEmbedder(session, info, settings.Batches.Max());
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private List<EmbedBenchRow> Measure(List<FaceEmbedder> embedders, Dictionary<int, BenchChips> chips, CancellationToken cancellationToken)
    {
        var providers = embedders.Select(e => e.Provider).Distinct().ToList();
        var progress = new BenchProgress("bench embed", providers.Count * settings.Batches.Count);
        var rows = new List<EmbedBenchRow>();
        foreach (var provider in providers)
        {
            foreach (var batch in settings.Batches)
            {
                var group = embedders.Where(e => e.Provider == provider).ToList();
                var measurements = group.Select(e => new EmbedMeasurement(e, chips[e.Model.ChipSize].Chips, batch)).ToList();
                progress.Begin(
                    $"{string.Join(" and ", group.Select(e => e.Model.Name))} on {Label(provider)}, batch {batch}",
                    settings.Duration * group.Count);
                measurements.ForEach(m => m.WarmUp(cancellationToken));

                // Compared models take turns in short rounds, so that a change in the machine's load (other
                // processes, clock boost) falls on both alike and their ratio stays fair.
                var rounds = group.Count == 1 ? 1 : ComparisonRounds;
                for (var round = 1; round <= rounds; round++)
                {
                    foreach (var measurement in measurements)
                    {
                        var minBatches = round == rounds ? EmbedMeasurement.MinBatches : 0;
                        measurement.RunFor(settings.Duration / rounds, minBatches, progress.Report, cancellationToken);
                    }
                }

                var results = measurements.Select(m => m.Result()).ToList();
                progress.End(string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Model} {r.FacesPerSecond:0.0} faces/s"))));
                rows.AddRange(results);
            }
        }

        return rows;
    }

    private static string Table(IReadOnlyList<EmbedBenchRow> rows) => TextTable.Format(
        ["model", "provider", "batch", "faces/s", "ms/batch p50", "ms/batch p95", "ms/face", "batches"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Model, Label(r.Provider), Number(r.Batch, "0"), Number(r.FacesPerSecond, "0.0"), Number(r.MsPerBatchP50, "0.00"),
            Number(r.MsPerBatchP95, "0.00"), Number(r.MsPerFace, "0.00"), Number(r.Batches, "0"),
        ]));

    private static string Table(IReadOnlyList<EmbedRatio> ratios) => TextTable.Format(
        ["faces/s ratio", "provider", "batch", "ratio"],
        ratios.Select(r => (IReadOnlyList<string>)
            [$"{r.Model} / {r.Baseline}", Label(r.Provider), Number(r.Batch, "0"), Number(r.FacesPerSecondRatio, "0.00")]));

    private static string Label(OnnxExecutionProvider provider) => provider.ToString().ToUpperInvariant();

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
