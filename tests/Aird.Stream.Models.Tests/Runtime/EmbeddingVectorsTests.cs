using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Models.Tests.Runtime;

public class EmbeddingVectorsTests
{
    [Fact]
    public void A_vector_is_scaled_to_unit_length_keeping_its_direction()
    {
        var unit = EmbeddingVectors.Normalised([3f, 0f, -4f]);

        Assert.Equal([0.6f, 0f, -0.8f], unit);
    }

    [Fact]
    public void The_zero_vector_stays_zero_instead_of_becoming_nan()
    {
        Assert.Equal([0f, 0f], EmbeddingVectors.Normalised([0f, 0f]));
    }
}
