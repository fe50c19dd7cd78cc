namespace Aird.Stream.Storage.Migrations;

/// <summary>A migration recorded in the database's <c>schema_migrations</c> table.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
