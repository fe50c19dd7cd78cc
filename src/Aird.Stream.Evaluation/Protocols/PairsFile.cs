using System.Globalization;

namespace Aird.Stream.Evaluation.Protocols;

/// <summary>
/// Reads pairs files in LFW's format: a header line (<c>N</c>, or <c>FOLDS N</c> as in View 2's pairs.txt), then
/// same-identity lines <c>name i j</c> and different-identity lines <c>name1 i name2 j</c>.
/// </summary>
public static class PairsFile
{
    /// <exception cref="FormatException">A line is neither form; the message names the file and line.</exception>
    public static IReadOnlyList<FacePair> Read(string path)
    {
        var pairs = new List<FacePair>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (lineNumber == 1 || fields.Length == 0)
            {
                continue;
            }

            pairs.Add(fields.Length switch
            {
                3 => new FacePair(fields[0], Number(fields[1]), fields[0], Number(fields[2])),
                4 => new FacePair(fields[0], Number(fields[1]), fields[2], Number(fields[3])),
                _ => throw new FormatException($"{path}:{lineNumber}: expected 'name i j' or 'name1 i name2 j', got '{line}'"),
            });

            int Number(string field) =>
                int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                    ? number
                    : throw new FormatException($"{path}:{lineNumber}: '{field}' is not an image number");
        }

        return pairs;
    }
}
