using Aird.Stream.Storage.Migrations;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aird.Stream.Matching.Tests;

/// <summary>A fresh migrated database for one test class, with a data source on it.</summary>
public sealed class MatchingDatabase : TestDatabase
{
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialised");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = CreateDataSource();
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    protected override async ValueTask DisposeResourcesAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
