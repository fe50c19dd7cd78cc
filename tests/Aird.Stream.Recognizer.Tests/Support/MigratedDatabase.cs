using Aird.Stream.Storage.FaceBn;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aird.Stream.Recognizer.Tests.Support;

/// <summary>A fresh, migrated database in the real PostgreSQL for one test class.</summary>
public sealed class MigratedDatabase : TestDatabase
{
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialised");

    public FaceBnStateStore Store => new(DataSource);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = CreateDataSource();
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
    }

    protected override async ValueTask DisposeResourcesAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
