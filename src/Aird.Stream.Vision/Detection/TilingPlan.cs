namespace Aird.Stream.Vision.Detection;

/// <summary>Which tiles of a frame to run so that every face in the configured size range is seen at a size
/// the model handles.</summary>
/// <remarks>BlazeFace finds faces best when the tile is about 4-8x the face width (measured; the whole frame
/// downscaled misses small faces). The plan therefore has one level per octave of face size: faces of
/// [w, 2w] px use tiles of 8w px overlapping by 2w, so each such face lies whole in at least one tile. A level whose tile
/// is as large as the frame runs the whole frame once, padded to the tile, so that large faces keep the
/// same size ratio to the model input as small faces have in their tiles.</remarks>
internal static class TilingPlan
{
    /// <summary>Tile side over the smallest face width of its level.</summary>
    public const int TileToSmallestFace = 8;

    /// <summary>Tile side over the largest face width of its level.</summary>
    public const int TileToLargestFace = 4;

    public static IReadOnlyList<Tile> Create(int frameWidth, int frameHeight, int minFacePx, int maxFacePx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minFacePx);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFacePx, minFacePx);

        var tiles = new List<Tile>();
        for (var smallest = minFacePx; ; smallest *= 2)
        {
            var size = smallest * TileToSmallestFace;
            var overlap = size / TileToLargestFace;
            foreach (var y in Positions(frameHeight, size, overlap))
            {
                foreach (var x in Positions(frameWidth, size, overlap))
                {
                    tiles.Add(new Tile(x, y, size));
                }
            }

            if (smallest * 2 >= maxFacePx)
            {
                break;
            }
        }

        return tiles;
    }

    /// <summary>Evenly spread starts along one axis: the first at 0, the last ending at the edge, neighbours
    /// overlapping by at least <paramref name="overlap"/>.</summary>
    private static IEnumerable<int> Positions(int length, int size, int overlap)
    {
        if (size >= length)
        {
            yield return 0;
            yield break;
        }

        var count = 1 + (int)Math.Ceiling((length - size) / (double)(size - overlap));
        for (var i = 0; i < count; i++)
        {
            yield return (int)Math.Round(i * (length - size) / (double)(count - 1));
        }
    }
}
