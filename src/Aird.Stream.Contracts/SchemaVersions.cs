namespace Aird.Stream.Contracts;

/// <summary>The schema versions this build writes and accepts.</summary>
public static class SchemaVersions
{
    /// <summary>Version written into every new message.</summary>
    public const uint Current = 1;

    /// <summary>True when a consumer of this build can interpret messages of <paramref name="version"/>.</summary>
    public static bool IsSupported(uint version) => version == Current;
}
