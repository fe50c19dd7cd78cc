using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Storage;

/// <summary>Builds the one <see cref="NpgsqlDataSource"/> (connection pool with pgvector types) the stores share.</summary>
public static class PostgresDataSource
{
    public const int MaxEfSearch = 1000;

    /// <exception cref="OptionsValidationException">The options are missing or malformed.</exception>
    public static NpgsqlDataSource Create(PostgresOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid($"{PostgresOptions.SectionName}:ConnectionString is not set.");
        }

        if (options.HnswEfSearch is < 1 or > MaxEfSearch)
        {
            throw Invalid($"{PostgresOptions.SectionName}:HnswEfSearch must be between 1 and {MaxEfSearch}, not {options.HnswEfSearch}.");
        }

        if (options.CommandTimeoutSeconds < 0)
        {
            throw Invalid($"{PostgresOptions.SectionName}:CommandTimeoutSeconds must not be negative.");
        }

        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"{PostgresOptions.SectionName}:ConnectionString is malformed: {e.Message}");
        }

        builder.ConnectionStringBuilder.CommandTimeout = options.CommandTimeoutSeconds;
        builder.ConnectionStringBuilder.ApplicationName ??= "aird";
        builder.UseVector();
        // Parameter logging stays off: parameters carry embeddings, which must never reach a log.
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Options.DefaultName, typeof(PostgresOptions), [message]);
}
