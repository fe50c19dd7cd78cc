using Aird.Stream.Storage.Migrations;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aird.Stream.Storage.Tests;

/// <summary>Migrations against the real PostgreSQL; each test gets its own fresh database.</summary>
public class MigrationRunnerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Second_run_applies_nothing_and_history_holds_each_migration_once()
    {
        await using var database = await FreshDatabaseAsync();
        await using var dataSource = database.CreateDataSource();
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);

        var first = await runner.MigrateAsync(Cancel);
        var second = await runner.MigrateAsync(Cancel);

        var expected = MigrationCatalog.Embedded.Select(s => s.Version).ToArray();
        Assert.Equal(expected, first.Applied.Select(a => a.Version));
        Assert.Empty(second.Applied);
        Assert.Equal(expected[^1], second.SchemaVersion);
        Assert.Equal(expected, await QueryListAsync<int>(dataSource, "SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(
            ["alerts", "api_keys", "audit_log", "cameras", "facebn_state", "sightings", "subject_faces", "subjects", "users", "watchlists"],
            await QueryListAsync<string>(dataSource, """
                SELECT relname::text FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
                  AND relname <> 'schema_migrations'
                ORDER BY 1
                """));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        await using var database = await FreshDatabaseAsync();
        var dataSources = Enumerable.Range(0, 3).Select(_ => database.CreateDataSource()).ToArray();
        try
        {
            var results = await Task.WhenAll(dataSources.Select(
                d => new MigrationRunner(d, NullLogger<MigrationRunner>.Instance).MigrateAsync(Cancel)));

            Assert.Equal(MigrationCatalog.Embedded.Count, results.Sum(r => r.Applied.Count));
            Assert.Single(results, r => r.Applied.Count > 0);
            Assert.Equal(
                MigrationCatalog.Embedded.Count,
                (await QueryListAsync<long>(dataSources[0], "SELECT count(*) FROM schema_migrations"))[0]);
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Changed_checksum_of_an_applied_migration_is_refused()
    {
        await using var database = await FreshDatabaseAsync();
        await using var dataSource = database.CreateDataSource();
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(Cancel);
        await ExecuteAsync(dataSource, "UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 2");

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.MigrateAsync(Cancel));

        Assert.Contains($"Migration {MigrationCatalog.Embedded[1].Label} was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_script_is_rolled_back_and_named_and_earlier_ones_stay_applied()
    {
        await using var database = await FreshDatabaseAsync();
        await using var dataSource = database.CreateDataSource();
        MigrationScript[] scripts =
        [
            MigrationScript.Create(1, "first", "CREATE TABLE first_table (x int);"),
            MigrationScript.Create(2, "broken", "CREATE TABLE second_table (x int);\nCREATE TABLE third_table (x int) oops;\n"),
        ];
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance, scripts);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.MigrateAsync(Cancel));

        Assert.Contains("Migration 0002_broken failed and was rolled back", error.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error at or near \"oops\"", error.Message, StringComparison.Ordinal);
        Assert.Equal([1], await QueryListAsync<int>(dataSource, "SELECT version FROM schema_migrations"));
        Assert.Equal([false], await QueryListAsync<bool>(dataSource, "SELECT to_regclass('second_table') IS NOT NULL"));
    }

    [Fact]
    public async Task Functions_with_dollar_quoted_bodies_and_several_statements_apply_as_one_script()
    {
        await using var database = await FreshDatabaseAsync();
        await using var dataSource = database.CreateDataSource();
        MigrationScript[] scripts =
        [
            MigrationScript.Create(1, "function", """
                -- a comment; with a semicolon
                CREATE FUNCTION twice(x int) RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN x * 2; -- inside the body
                END;
                $$;
                CREATE TABLE t (x int DEFAULT twice(21));
                """),
        ];

        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance, scripts).MigrateAsync(Cancel);

        Assert.Equal([42], await QueryListAsync<int>(dataSource, "SELECT twice(21)"));
    }

    private static async Task<TestDatabase> FreshDatabaseAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<List<T>> QueryListAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<T>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
