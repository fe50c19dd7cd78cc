using Google.Protobuf;

namespace Aird.Stream.Contracts;

/// <summary>A contract message that states the schema version it was written with.</summary>
public interface IVersionedMessage : IMessage
{
    uint SchemaVersion { get; }
}

public sealed partial class FaceCrop : IVersionedMessage
{
    public uint SchemaVersion => Header?.SchemaVersion ?? 0;
}

public sealed partial class FaceEmbedding : IVersionedMessage
{
    public uint SchemaVersion => Header?.SchemaVersion ?? 0;
}

public sealed partial class Alert : IVersionedMessage
{
    public uint SchemaVersion => Header?.SchemaVersion ?? 0;
}

public sealed partial class DeadLetter : IVersionedMessage
{
}
