using System.CommandLine;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands;

/// <summary><c>aird db migrate</c>: brings the PostgreSQL schema up to date.</summary>
internal static class DbCommand
{
    private const string ConnectionStringKey = $"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}";

    public static Command Create()
    {
        var connection = new Option<string>("--connection")
        {
            Description = $"Npgsql connection string; overrides {ConnectionStringKey} from the settings.",
        };
        var migrate = new Command("migrate", "Apply the pending schema migrations (each in its own transaction) and exit.")
        {
            connection,
        };
        migrate.SetAction((parseResult, cancellationToken) => MigrateAsync(parseResult, parseResult.GetValue(connection), cancellationToken));

        return new Command("db", "PostgreSQL + pgvector schema tools.") { migrate };
    }

    private static async Task<int> MigrateAsync(ParseResult parseResult, string? connection, CancellationToken cancellationToken)
    {
        var builder = AirdHost.CreateBuilder(parseResult);
        if (connection is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(ConnectionStringKey, connection)]);
        }

        builder.Services.AddAirdStorage(builder.Configuration);
        using var host = builder.Build();
        try
        {
            var result = await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
            Console.WriteLine(result.Applied.Count == 0
                ? $"Schema is up to date at version {result.SchemaVersion}; nothing applied."
                : $"Applied {string.Join(", ", result.Applied.Select(a => $"{a.Version:D4}_{a.Name}"))}; schema version {result.SchemaVersion}.");
            return 0;
        }
        catch (Exception e) when (e is DatabaseUnavailableException or MigrationException or OptionsValidationException)
        {
            // One line: the message names the server or the migration and the cause; a stack trace would not help.
            await Console.Error.WriteLineAsync($"aird db migrate: {e.Message}");
            return 1;
        }
    }
}
