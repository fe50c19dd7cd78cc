using Aird.Stream.Storage.Migrations;

namespace Aird.Stream.Storage.Tests;

public class MigrationCatalogTests
{
    [Fact]
    public void Embedded_scripts_are_contiguous_from_one_and_create_the_schema()
    {
        var scripts = MigrationCatalog.Embedded;

        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(s => s.Version));
        Assert.Contains(scripts, s => s.Sql.Contains("CREATE EXTENSION IF NOT EXISTS vector", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Sql.Contains("PARTITION BY RANGE (captured_at)", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.Matches("^[0-9a-f]{64}$", s.Checksum));
    }

    [Fact]
    public void Parse_orders_by_version_not_by_input_order()
    {
        var scripts = MigrationCatalog.Parse([("0002_b.sql", "SELECT 2;"), ("0010_c.sql", "SELECT 10;"), ("0001_a.sql", "SELECT 1;")]);

        Assert.Equal([1, 2, 10], scripts.Select(s => s.Version));
        Assert.Equal(["a", "b", "c"], scripts.Select(s => s.Name));
    }

    [Theory]
    [InlineData("1_short.sql")]
    [InlineData("0001-dash.sql")]
    [InlineData("0001_Upper.sql")]
    [InlineData("0001_name.txt")]
    [InlineData("0000_zero.sql")]
    public void Parse_refuses_malformed_file_names(string fileName)
    {
        var error = Assert.Throws<MigrationException>(() => MigrationCatalog.Parse([(fileName, "SELECT 1;")]));

        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_two_scripts_with_one_version()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationCatalog.Parse([("0003_a.sql", "SELECT 1;"), ("0003_b.sql", "SELECT 2;")]));

        Assert.Contains("0003_a and 0003_b share version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_ignores_line_endings_but_not_content()
    {
        var unix = MigrationScript.Create(1, "a", "CREATE TABLE t (x int);\nSELECT 1;\n");
        var windows = MigrationScript.Create(1, "a", "CREATE TABLE t (x int);\r\nSELECT 1;\r\n");
        var edited = MigrationScript.Create(1, "a", "CREATE TABLE t (x bigint);\nSELECT 1;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }
}
