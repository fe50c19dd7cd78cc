using System.Text.RegularExpressions;

namespace Aird.Stream.Cli.Hosting;

/// <summary>
/// Command-line setting overrides of the form <c>--Section:Key=value</c>: the tokens no command option claims.
/// Anything else left over is a mistyped option, which must be an error rather than a silently ignored setting.
/// </summary>
internal static partial class SettingOverrides
{
    public static IReadOnlyList<string> FindInvalid(IEnumerable<string> unmatchedTokens) =>
        unmatchedTokens.Where(token => !SettingPattern().IsMatch(token)).ToList();

    /// <summary>Whether <paramref name="token"/> has the form of a setting override.</summary>
    public static bool IsSetting(string token) => SettingPattern().IsMatch(token);

    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_.]*(:[A-Za-z0-9_.]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPattern();
}
