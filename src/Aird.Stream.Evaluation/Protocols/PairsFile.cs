using System.Globalization;

namespace Aird.Stream.Evaluation.Protocols;

/// <summary>
/// Reads pairs files in LFW's format: a header line (<c>N</c>, or <c>FOLDS N</c> as in View 2's pairs.txt), then
/// same-identity lines <c>name i j</c> and different-identity lines <c>name1 i name2 j</c>.
/// </summary>
public static class PairsFile
{
    /// <exception cref="FormatException">A line is neither form; the message names the file and line.</exception>
    public static IReadOnlyList<FacePair> Read(string path) =>
        ListFile.Records(path).Select(record =>
        {
            var fields = record.Fields;
            int Number(string field) =>
                int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                    ? number
                    : throw new FormatException($"{path}:{record.Number}: '{field}' is not an image number");

            return fields.Length switch
            {
                3 => new FacePair(fields[0], Number(fields[1]), fields[0], Number(fields[2])),
                4 => new FacePair(fields[0], Number(fields[1]), fields[2], Number(fields[3])),
                _ => throw new FormatException($"{path}:{record.Number}: expected 'name i j' or 'name1 i name2 j', got '{record.Text}'"),
            };
        }).ToList();
}
