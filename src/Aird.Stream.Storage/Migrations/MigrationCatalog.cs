using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Aird.Stream.Storage.Migrations;

/// <summary>The migration scripts shipped in this assembly (schemas/migrations/NNNN_name.sql), in version order.</summary>
internal static partial class MigrationCatalog
{
    private const string ResourcePrefix = "migrations/";

    private static readonly Lazy<IReadOnlyList<MigrationScript>> EmbeddedScripts = new(() => Load(typeof(MigrationCatalog).Assembly));

    public static IReadOnlyList<MigrationScript> Embedded => EmbeddedScripts.Value;

    public static IReadOnlyList<MigrationScript> Load(Assembly assembly)
    {
        var files = new List<(string FileName, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} embeds no migration scripts (resources {ResourcePrefix}*.sql).");
        }

        return Parse(files);
    }

    /// <summary>Validates file names (<c>NNNN_lower_case_name.sql</c>) and unique versions; orders by version.</summary>
    /// <exception cref="MigrationException">A file name is malformed or two files share a version.</exception>
    public static IReadOnlyList<MigrationScript> Parse(IEnumerable<(string FileName, string Sql)> files)
    {
        var scripts = new List<MigrationScript>();
        foreach (var (fileName, sql) in files)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException(
                    $"Migration file name '{fileName}' does not have the form NNNN_name.sql (four-digit version, lower-case name).");
            }

            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            if (version == 0)
            {
                throw new MigrationException($"Migration file '{fileName}': versions start at 0001.");
            }

            scripts.Add(MigrationScript.Create(version, match.Groups["name"].Value, sql));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.Label))} share version {duplicate.Key}.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"^(?<version>[0-9]{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
