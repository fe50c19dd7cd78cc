namespace Aird.Stream.Storage;

/// <summary>Settings of the PostgreSQL + pgvector store, section <c>Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>
    /// Npgsql connection string. Its <c>Timeout</c> (seconds, Npgsql's default 15) bounds how long opening a
    /// connection to an unreachable server may take.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Size of the HNSW candidate list per search (pgvector's <c>hnsw.ef_search</c>, 1..1000): higher finds the true
    /// nearest neighbours more often and costs more. A search for k results uses at least k.
    /// </summary>
    public int HnswEfSearch { get; set; } = 100;

    /// <summary>Limit of one ordinary command. Migrations are not limited by it: an index build may take long.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
