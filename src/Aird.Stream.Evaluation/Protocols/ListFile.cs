namespace Aird.Stream.Evaluation.Protocols;

/// <summary>LFW's list files (pairs, people): a header line, then whitespace-separated fields per line.</summary>
internal static class ListFile
{
    /// <summary>The non-blank lines after the header, with their 1-based numbers and fields.</summary>
    public static IEnumerable<(int Number, string Text, string[] Fields)> Records(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (number > 1 && fields.Length > 0)
            {
                yield return (number, line, fields);
            }
        }
    }
}
