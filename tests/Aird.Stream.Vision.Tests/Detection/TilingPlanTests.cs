using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class TilingPlanTests
{
    [Theory]
    [InlineData(1920, 1080, 16, 40)]
    [InlineData(1280, 720, 20, 120)]
    [InlineData(640, 480, 24, 24)]
    public void Every_face_of_the_range_lies_whole_in_a_tile_that_is_4_to_8_times_its_size(int width, int height, int minFace, int maxFace)
    {
        var tiles = TilingPlan.Create(width, height, minFace, maxFace);

        for (var face = minFace; face <= maxFace; face += 4)
        {
            for (var y = 0; y + face <= height; y += 11)
            {
                for (var x = 0; x + face <= width; x += 11)
                {
                    Assert.Contains(tiles, t =>
                        t.Size >= TilingPlan.TileToLargestFace * face
                        && t.Size <= TilingPlan.TileToSmallestFace * face
                        && x >= t.X && y >= t.Y && x + face <= t.X + t.Size && y + face <= t.Y + t.Size);
                }
            }
        }
    }

    [Fact]
    public void Tiles_start_inside_the_frame_and_overlap_by_at_least_the_largest_face_of_their_level()
    {
        var tiles = TilingPlan.Create(1920, 1080, 16, 40);

        Assert.All(tiles, t => Assert.True(t.X >= 0 && t.Y >= 0 && t.X < 1920 && t.Y < 1080));
        foreach (var level in tiles.GroupBy(t => t.Size))
        {
            var largestFace = level.Key / TilingPlan.TileToLargestFace;
            var xs = level.Select(t => t.X).Distinct().Order().ToList();
            var ys = level.Select(t => t.Y).Distinct().Order().ToList();
            Assert.All(xs.Zip(xs.Skip(1)), p => Assert.True(p.First + level.Key - p.Second >= largestFace));
            Assert.All(ys.Zip(ys.Skip(1)), p => Assert.True(p.First + level.Key - p.Second >= largestFace));
            Assert.Equal(1920, xs[^1] + level.Key);
            Assert.Equal(1080, ys[^1] + level.Key);
        }
    }

    [Fact]
    public void Large_faces_run_the_whole_frame_once_padded_to_the_tile()
    {
        var tiles = TilingPlan.Create(320, 240, 16, 200);

        Assert.Equal([128, 256, 512, 1024], tiles.Select(t => t.Size).Distinct());
        Assert.Single(tiles, t => t.Size == 512);
        Assert.Equal(new Tile(0, 0, 1024), tiles[^1]);
    }

    [Fact]
    public void An_inverted_face_range_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TilingPlan.Create(640, 480, 40, 20));
    }
}
