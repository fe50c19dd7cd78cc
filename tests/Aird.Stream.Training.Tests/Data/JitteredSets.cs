using Aird.Stream.Training.Data;

namespace Aird.Stream.Training.Tests.Data;

/// <summary>
/// Small synthetic training sets whose targets name what was shown: the target of face f's view v (0: the aligned
/// chip) is the one-hot vector of f * (views + 1) + v, mirrored targets are its negation.
/// </summary>
internal static class JitteredSets
{
    public const int ChipSize = 24;

    public static TrainingSet Make(int faces, int views)
    {
        var dimension = faces * (views + 1);
        var random = new Random(7);
        var list = Enumerable.Range(0, faces).Select(f =>
        {
            var chip = new byte[ChipSize * ChipSize * 3];
            random.NextBytes(chip);
            var jittered = Enumerable.Range(1, views)
                .Select(v => new JitteredView(ChipJitter.Draw(random, new ChipJitterOptions()), OneHot(dimension, Code(f, v, views), 1), OneHot(dimension, Code(f, v, views), -1)))
                .ToList();
            return new TrainingFace($"p{f}/1", f, chip, OneHot(dimension, Code(f, 0, views), 1), OneHot(dimension, Code(f, 0, views), -1), jittered);
        });
        return new TrainingSet(ChipSize, list.ToList(), faces);
    }

    /// <summary>The face, view and orientation a target vector stands for.</summary>
    public static (int Face, int View, bool Mirrored) Decode(ReadOnlySpan<float> target, int views)
    {
        for (var d = 0; d < target.Length; d++)
        {
            if (target[d] != 0)
            {
                return (d / (views + 1), d % (views + 1), target[d] < 0);
            }
        }

        throw new ArgumentException("Not a target of this set.", nameof(target));
    }

    private static int Code(int face, int view, int views) => (face * (views + 1)) + view;

    private static float[] OneHot(int dimension, int index, float value)
    {
        var vector = new float[dimension];
        vector[index] = value;
        return vector;
    }
}
