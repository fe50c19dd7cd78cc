namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Where a benchmark's chips came from, as reported with its figures.</summary>
internal sealed record ChipSource(string Description, int Count, bool Synthetic);
