using Aird.Stream.Storage.Migrations;

namespace Aird.Stream.Storage.Tests;

public class MigrationPlanTests
{
    private static readonly IReadOnlyList<MigrationScript> Scripts =
    [
        MigrationScript.Create(1, "one", "SELECT 1;"),
        MigrationScript.Create(2, "two", "SELECT 2;"),
        MigrationScript.Create(3, "three", "SELECT 3;"),
    ];

    [Fact]
    public void Fresh_database_gets_every_script_in_order()
    {
        Assert.Equal([1, 2, 3], MigrationPlan.Pending(Scripts, []).Select(s => s.Version));
    }

    [Fact]
    public void Only_scripts_above_the_applied_ones_are_pending()
    {
        Assert.Equal([3], MigrationPlan.Pending(Scripts, [Applied(Scripts[0]), Applied(Scripts[1])]).Select(s => s.Version));
    }

    [Fact]
    public void Up_to_date_database_has_nothing_pending()
    {
        Assert.Empty(MigrationPlan.Pending(Scripts, [.. Scripts.Select(Applied)]));
    }

    [Fact]
    public void Changed_applied_script_is_refused_naming_it()
    {
        var applied = Applied(Scripts[0]) with { Checksum = new string('0', 64) };

        var error = Assert.Throws<MigrationException>(() => MigrationPlan.Pending(Scripts, [applied]));

        Assert.Contains("0001_one was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("new migration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Database_newer_than_the_program_is_refused()
    {
        var unknown = new AppliedMigration(4, "four", new string('a', 64), DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<MigrationException>(() => MigrationPlan.Pending(Scripts, [.. Scripts.Select(Applied), unknown]));

        Assert.Contains("0004_four", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer aird", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_script_older_than_an_applied_one_is_refused()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationPlan.Pending(Scripts, [Applied(Scripts[0]), Applied(Scripts[2])]));

        Assert.Contains("0002_two is not applied, but the later migration 0003 is", error.Message, StringComparison.Ordinal);
    }

    private static AppliedMigration Applied(MigrationScript script) =>
        new(script.Version, script.Name, script.Checksum, DateTimeOffset.UnixEpoch);
}
