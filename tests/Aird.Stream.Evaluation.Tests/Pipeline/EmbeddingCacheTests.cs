using Aird.Stream.Evaluation.Pipeline;

namespace Aird.Stream.Evaluation.Tests.Pipeline;

public sealed class EmbeddingCacheTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _root = Directory.CreateTempSubdirectory("aird-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Saved_embeddings_come_back_for_the_same_model_mode_and_variant_only()
    {
        var plain = new EmbeddingCache(_root, Sha);
        plain.Save("hr", new Dictionary<string, float[]> { ["a/a_0001.jpg"] = [0.6f, -0.8f] });

        Assert.Equal([0.6f, -0.8f], new EmbeddingCache(_root, Sha, "plain").Load("hr")["a/a_0001.jpg"]);
        Assert.Empty(new EmbeddingCache(_root, Sha).Load("16"));
        // A mirror-fused or streamed run of the same file embeds differently: it must not read the plain entries.
        Assert.Empty(new EmbeddingCache(_root, Sha, "mirror").Load("hr"));
        Assert.Empty(new EmbeddingCache(_root, Sha, "stream").Load("hr"));
        Assert.Empty(new EmbeddingCache(_root, "f" + Sha[1..]).Load("hr"));
    }
}
