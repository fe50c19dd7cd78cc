namespace Aird.Stream.Video.Tests;

public sealed class StderrTailTests
{
    [Fact]
    public void Only_the_last_lines_are_kept_each_cut_to_length()
    {
        var tail = new StderrTail(maxLines: 2, maxLineLength: 5);
        Assert.Equal("(nothing on stderr)", tail.ToString());

        foreach (var line in new[] { "one", null, "  ", "two", "three and more" })
        {
            tail.Add(line);
        }

        Assert.Equal("two | three...", tail.ToString());
    }
}
