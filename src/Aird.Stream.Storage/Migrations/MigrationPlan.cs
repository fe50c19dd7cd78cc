namespace Aird.Stream.Storage.Migrations;

/// <summary>Decides which scripts to apply, given what the database has already applied. Forward-only.</summary>
internal static class MigrationPlan
{
    /// <returns>The scripts not yet applied, in version order.</returns>
    /// <exception cref="MigrationException">
    /// An applied script changed, the database knows a version this program does not, or a pending script is older
    /// than one already applied.
    /// </exception>
    public static IReadOnlyList<MigrationScript> Pending(IReadOnlyList<MigrationScript> available, IReadOnlyList<AppliedMigration> applied)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(applied);

        var byVersion = available.ToDictionary(s => s.Version);
        foreach (var done in applied.OrderBy(a => a.Version))
        {
            if (!byVersion.TryGetValue(done.Version, out var script))
            {
                throw new MigrationException(
                    $"The database has migration {done.Version:D4}_{done.Name} applied, which this version of aird does not know: " +
                    "the database was migrated by a newer aird. Run that version, or restore a matching database.");
            }

            if (!string.Equals(script.Checksum, done.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration {script.Label} was changed after it was applied on {done.AppliedAt:u} " +
                    $"(checksum {Short(done.Checksum)} in the database, {Short(script.Checksum)} now). " +
                    "Applied migrations are never edited: restore the original script and put the change in a new migration.");
            }
        }

        var appliedVersions = applied.Select(a => a.Version).ToHashSet();
        var pending = available.Where(s => !appliedVersions.Contains(s.Version)).OrderBy(s => s.Version).ToList();
        var latestApplied = applied.Count == 0 ? 0 : applied.Max(a => a.Version);
        var outOfOrder = pending.FirstOrDefault(s => s.Version < latestApplied);
        if (outOfOrder is not null)
        {
            throw new MigrationException(
                $"Migration {outOfOrder.Label} is not applied, but the later migration {latestApplied:D4} is: " +
                "migrations apply in version order only. Give the new script a version above the latest one.");
        }

        return pending;
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
