using Aird.Stream.Training.Distillation;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Tests.Distillation;

public class DistillationLossTests
{
    private static Tensor Normalised(Tensor x) => nn.functional.normalize(x, p: 2, dim: 1);

    private static Tensor Faces(int seed, int count = 8, int dimension = 16)
    {
        using var generator = new Generator((ulong)seed);
        return Normalised(randn([count, dimension], generator: generator));
    }

    [Fact]
    public void A_student_equal_to_the_teacher_has_zero_loss_in_every_term()
    {
        using var teacher = Faces(1);
        using var prototypes = Faces(2, count: 5);
        var loss = new DistillationLoss(new DistillationOptions(), prototypes);

        var terms = loss.Compute(teacher.clone(), teacher);

        Assert.Equal(0, terms.FeatureAlignment, 5);
        Assert.Equal(0, terms.PredictionAgreement, 5);
        Assert.Equal(0, terms.Relation, 5);
        Assert.Equal(0, terms.Total.item<float>(), 5);
    }

    [Fact]
    public void Feature_alignment_is_the_mean_of_one_minus_cosine()
    {
        using var teacher = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var student = tensor(new float[] { 0, 1, 0, 1 }, [2, 2]);

        using var value = DistillationLoss.FeatureAlignment(student, teacher);

        // Face 0 is orthogonal (1 - 0), face 1 identical (1 - 1).
        Assert.Equal(0.5, value.item<float>(), 5);
    }

    [Fact]
    public void The_relation_term_sees_faces_swapped_between_samples_that_the_instance_terms_would_score_per_face()
    {
        using var teacher = Faces(3);
        using var swapped = teacher.index_select(0, tensor(new long[] { 1, 0, 2, 3, 4, 5, 6, 7 }));

        using var relation = DistillationLoss.Relation(swapped, teacher, 0.1);
        using var identity = DistillationLoss.Relation(teacher, teacher, 0.1);

        Assert.True(relation.item<float>() > 0.1f, $"relation {relation.item<float>()}");
        Assert.Equal(0, identity.item<float>(), 5);
    }

    [Fact]
    public void With_no_prediction_weight_the_instance_term_is_the_feature_alignment_alone()
    {
        using var teacher = Faces(7);
        using var student = Faces(8);
        using var prototypes = Faces(9, count: 5);

        var terms = new DistillationLoss(new DistillationOptions { PredictionWeight = 0 }, prototypes).Compute(student, teacher);

        Assert.Equal(0, terms.PredictionAgreement);
        Assert.Equal(terms.FeatureAlignment + terms.Relation, terms.Total.item<float>(), 4);
    }

    [Fact]
    public void Switched_off_terms_are_not_computed_and_their_weights_apply()
    {
        using var teacher = Faces(4);
        using var student = Faces(5);
        using var prototypes = Faces(6, count: 5);
        var both = new DistillationLoss(new DistillationOptions(), prototypes).Compute(student, teacher);
        var instanceOnly = new DistillationLoss(new DistillationOptions { Relation = false }, prototypes).Compute(student, teacher);
        var relationOnly = new DistillationLoss(new DistillationOptions { Instance = false, RelationWeight = 2 }, prototypes).Compute(student, teacher);

        Assert.Equal(0, instanceOnly.Relation);
        Assert.Equal(0, relationOnly.FeatureAlignment);
        Assert.Equal(both.FeatureAlignment + both.PredictionAgreement + both.Relation, both.Total.item<float>(), 4);
        Assert.Equal(2 * both.Relation, relationOnly.Total.item<float>(), 4);
        Assert.Throws<InvalidOperationException>(() =>
            new DistillationLoss(new DistillationOptions { Instance = false, Relation = false }, prototypes).Compute(student, teacher));
    }

    [Fact]
    public void Gradients_reach_the_student_and_lower_the_loss()
    {
        using var teacher = Faces(7);
        using var prototypes = Faces(8, count: 5);
        using var raw = new TorchSharp.Modules.Parameter(randn([8, 16]));
        var loss = new DistillationLoss(new DistillationOptions(), prototypes);
        var optimizer = optim.SGD([raw], 0.5);

        var first = 0.0;
        for (var step = 0; step < 50; step++)
        {
            using var scope = NewDisposeScope();
            var terms = loss.Compute(Normalised(raw), teacher);
            first = step == 0 ? terms.Total.item<float>() : first;
            optimizer.zero_grad();
            terms.Total.backward();
            optimizer.step();
        }

        var last = loss.Compute(Normalised(raw), teacher).Total.item<float>();
        Assert.True(last < first / 4, $"loss {first} -> {last}");
    }
}
