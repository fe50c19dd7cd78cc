using System.Globalization;

namespace Aird.Stream.Evaluation.Protocols;

/// <summary>Reads LFW's people files (peopleDevTest.txt): a count line, then <c>Name&lt;TAB&gt;images</c> lines.</summary>
public static class PeopleFile
{
    /// <exception cref="FormatException">A line is not <c>name count</c>; the message names the file and line.</exception>
    public static IReadOnlyList<(string Name, int Images)> Read(string path) =>
        ListFile.Records(path)
            .Select(record => record.Fields.Length == 2
                && int.TryParse(record.Fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var images) && images > 0
                    ? (record.Fields[0], images)
                    : throw new FormatException($"{path}:{record.Number}: expected 'name count', got '{record.Text}'"))
            .ToList();
}
