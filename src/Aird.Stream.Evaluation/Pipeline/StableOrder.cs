using System.Security.Cryptography;
using System.Text;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>A fixed pseudo-random order of image paths (by a hash of each path), the same on every run and machine.</summary>
internal static class StableOrder
{
    public static List<string> Of(IEnumerable<string> paths) =>
        paths.Distinct(StringComparer.Ordinal)
            .OrderBy(p => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(p))))
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
}
