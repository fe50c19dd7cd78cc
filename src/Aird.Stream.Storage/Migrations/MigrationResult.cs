namespace Aird.Stream.Storage.Migrations;

/// <summary>What one run of <see cref="MigrationRunner.MigrateAsync"/> did.</summary>
/// <param name="Applied">The migrations this run applied, in order; empty when the database was up to date.</param>
/// <param name="SchemaVersion">The highest applied version after the run.</param>
public sealed record MigrationResult(IReadOnlyList<AppliedMigration> Applied, int SchemaVersion);
