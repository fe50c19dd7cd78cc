using System.Security.Cryptography;
using System.Text;

namespace Aird.Stream.Storage.Migrations;

/// <summary>One versioned SQL script, with the checksum that proves it unchanged since it was applied.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public static MigrationScript Create(int version, string name, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);

        // Line endings depend on how the repository was checked out, not on what the script does.
        var normalised = sql.ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return new MigrationScript(version, name, normalised, checksum);
    }

    public string Label => $"{Version:D4}_{Name}";
}
