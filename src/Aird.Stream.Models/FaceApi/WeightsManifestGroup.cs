namespace Aird.Stream.Models.FaceApi;

// The TF.js weights manifest format (tfjs-core io/types.ts): groups of shard files holding tensors back to back.
internal sealed record WeightsManifestGroup(string[]? Paths, WeightsManifestEntry[]? Weights);

internal sealed record WeightsManifestEntry(string? Name, int[]? Shape, string? Dtype, WeightsQuantization? Quantization);

internal sealed record WeightsQuantization(string? Dtype, double Scale, double Min);
