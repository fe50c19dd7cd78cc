using Npgsql;
using Xunit;

namespace Aird.Stream.Testing;

/// <summary>A fresh database aird_test_&lt;random&gt; for one test class, dropped at the end.</summary>
public class TestDatabase : IAsyncLifetime
{
    private readonly string _name = $"aird_test_{Guid.NewGuid():N}"[..22];

    public string ConnectionString { get; private set; } = string.Empty;

    public virtual async ValueTask InitializeAsync()
    {
        await using var server = TestPostgres.CreateDataSource(TestPostgres.ServerConnectionString);
        await using var connection = await TestPostgres.OpenServerAsync(server, TestContext.Current.CancellationToken);
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = _name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeResourcesAsync();
        if (ConnectionString.Length == 0)
        {
            return;
        }

        await using var server = TestPostgres.CreateDataSource(TestPostgres.ServerConnectionString);
        await using var connection = await server.OpenConnectionAsync();
        // FORCE ends connections still pooled by the tests' data sources.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }

    public NpgsqlDataSource CreateDataSource() => TestPostgres.CreateDataSource(ConnectionString);

    protected virtual ValueTask DisposeResourcesAsync() => ValueTask.CompletedTask;
}
