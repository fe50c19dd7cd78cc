namespace Aird.Stream.Vision.Alignment;

/// <summary>Size and padding of an aligned face chip, in dlib's convention: the template's unit face square
/// plus <see cref="Padding"/> of its side on every edge is scaled to <see cref="Size"/> x <see cref="Size"/>.</summary>
public sealed record FaceChipSpec(int Size, double Padding)
{
    /// <summary>The teacher's input: dlib's face recognition ResNet was trained on
    /// <c>get_face_chip_details(shape, 150, 0.25)</c> chips.</summary>
    public static FaceChipSpec DlibTeacher { get; } = new(150, 0.25);
}
