namespace Aird.Stream.Training.Data;

/// <summary>
/// The distillation data: every training image's aligned 150 px chip, its identity, and the teacher's L2-normalised
/// embeddings of the chip and of its mirror image (computed once: the teacher is frozen), and as many jittered
/// re-alignments per face as the set was built with, each with its own pair of teacher embeddings.
/// </summary>
public sealed class TrainingSet
{
    private const int FormatVersion = 2;

    public TrainingSet(int chipSize, IReadOnlyList<TrainingFace> faces, int identityCount)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            throw new ArgumentException("A training set has at least one face.", nameof(faces));
        }

        if (faces.Any(f => f.Identity < 0 || f.Identity >= identityCount || f.Chip.Length != chipSize * chipSize * 3))
        {
            throw new ArgumentException($"Every face needs an identity in [0, {identityCount}) and a {chipSize} px RGB chip.", nameof(faces));
        }

        if (faces.Any(f => f.Jittered.Count != faces[0].Jittered.Count))
        {
            throw new ArgumentException("Every face of a set has the same number of jittered views.", nameof(faces));
        }

        ChipSize = chipSize;
        Faces = faces;
        IdentityCount = identityCount;
    }

    public int ChipSize { get; }

    public IReadOnlyList<TrainingFace> Faces { get; }

    public int IdentityCount { get; }

    public int EmbeddingSize => Faces[0].Teacher.Length;

    public int JitteredViews => Faces[0].Jittered.Count;

    /// <summary>Reads a set written by <see cref="Save"/>; null when the file does not exist or is of another format.</summary>
    public static TrainingSet? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != FormatVersion)
        {
            return null;
        }

        var (chipSize, identities, count, dimension, views) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var faces = new TrainingFace[count];
        for (var i = 0; i < count; i++)
        {
            var relativePath = reader.ReadString();
            var identity = reader.ReadInt32();
            var chip = reader.ReadBytes(chipSize * chipSize * 3);
            var (teacher, mirrored) = (ReadVector(reader, dimension), ReadVector(reader, dimension));
            var jittered = new JitteredView[views];
            for (var v = 0; v < views; v++)
            {
                var jitter = new ChipJitter(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
                jittered[v] = new JitteredView(jitter, ReadVector(reader, dimension), ReadVector(reader, dimension));
            }

            faces[i] = new TrainingFace(relativePath, identity, chip, teacher, mirrored, jittered);
        }

        return new TrainingSet(chipSize, faces, identities);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(FormatVersion);
            writer.Write(ChipSize);
            writer.Write(IdentityCount);
            writer.Write(Faces.Count);
            writer.Write(EmbeddingSize);
            writer.Write(JitteredViews);
            foreach (var face in Faces)
            {
                writer.Write(face.Path);
                writer.Write(face.Identity);
                writer.Write(face.Chip);
                WriteVector(writer, face.Teacher);
                WriteVector(writer, face.TeacherMirrored);
                foreach (var view in face.Jittered)
                {
                    writer.Write(view.Jitter.RotationDegrees);
                    writer.Write(view.Jitter.Scale);
                    writer.Write(view.Jitter.ShiftX);
                    writer.Write(view.Jitter.ShiftY);
                    WriteVector(writer, view.Teacher);
                    WriteVector(writer, view.TeacherMirrored);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static float[] ReadVector(BinaryReader reader, int dimension)
    {
        var vector = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            vector[d] = reader.ReadSingle();
        }

        return vector;
    }

    private static void WriteVector(BinaryWriter writer, float[] vector)
    {
        foreach (var value in vector)
        {
            writer.Write(value);
        }
    }
}
