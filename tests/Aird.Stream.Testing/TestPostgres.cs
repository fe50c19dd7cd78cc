using Aird.Stream.Storage;
using Npgsql;

namespace Aird.Stream.Testing;

/// <summary>The PostgreSQL server the integration tests use: env AIRD_TEST_POSTGRES, else the local dev cluster.</summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "AIRD_TEST_POSTGRES";

    private const string DevCluster = "Host=127.0.0.1;Port=55432;Username=aird;Password=aird;Database=aird;Timeout=5";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DevCluster;

    public static NpgsqlDataSource CreateDataSource(string connectionString) =>
        PostgresDataSource.Create(new PostgresOptions { ConnectionString = connectionString });

    /// <summary>Opens a connection on the maintenance database, failing (never skipping) with what to do.</summary>
    public static async Task<NpgsqlConnection> OpenServerAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenCheckedAsync(cancellationToken);
        }
        catch (DatabaseUnavailableException e)
        {
            throw new InvalidOperationException(
                $"{e.Message} The storage tests need a real PostgreSQL with pgvector: run `deploy/postgres.sh start`, " +
                $"or set {EnvironmentVariable} to a connection string of a role with CREATEDB.", e);
        }
    }
}
