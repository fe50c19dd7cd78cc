using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The machine a benchmark ran on, as every speed figure must state it.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Dotnet, string OnnxRuntime, string? Gpu)
{
    public static MachineInfo Current() => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        OrtEnv.Instance().GetVersionString(),
        GpuModels());

    public override string ToString() =>
        $"{Cpu}, {Cores} cores, {Os}, {Dotnet}, ONNX Runtime {OnnxRuntime}, GPU: {Gpu ?? "none"}";

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var line = File.Exists(CpuInfo)
            ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>The NVIDIA driver's description of each GPU; null without a loaded NVIDIA driver.</summary>
    private static string? GpuModels()
    {
        const string Gpus = "/proc/driver/nvidia/gpus";
        if (!Directory.Exists(Gpus))
        {
            return null;
        }

        var models = Directory.EnumerateFiles(Gpus, "information", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("Model:", StringComparison.Ordinal))
            .Select(l => l["Model:".Length..].Trim())
            .ToList();
        return models.Count == 0 ? null : string.Join("; ", models);
    }
}
