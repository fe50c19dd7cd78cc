using Aird.Stream.Models.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aird.Stream.Recognizer.Tests.Support;

/// <summary>The recognizer's embedders over the exported student, on the CPU, keeping FaceBN state in <paramref name="database"/>.</summary>
public static class TestEmbedders
{
    internal static async Task<ICropEmbedder> OpenAsync(
        MigratedDatabase database, StudentModelFiles models, bool faceBn, RecognizerOptions? options = null, params string[] cameras)
    {
        options ??= new RecognizerOptions();
        options.Model = faceBn ? models.FaceBn : models.Folded;
        options.FaceBn = faceBn;
        options.Provider = ExecutionProviderPreference.Cpu;
        options.IntraOpThreads = 2;
        var embedder = CropEmbedders.Open(
            options, new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance), database.Store, TimeProvider.System, NullLogger.Instance);
        foreach (var camera in cameras)
        {
            await embedder.Cameras!.EnsureAsync(camera, 0, TestContext.Current.CancellationToken);
        }

        return embedder;
    }

    internal static double MaxDifference(float[] x, float[] y) => x.Zip(y).Max(p => Math.Abs(p.First - p.Second));
}
