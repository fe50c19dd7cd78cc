using Google.Protobuf;

namespace Aird.Stream.Contracts;

/// <summary>Reads and writes contract messages, refusing what this build cannot interpret.</summary>
public static class ContractCodec
{
    /// <summary>Parses <paramref name="payload"/> as <typeparamref name="T"/> and checks its schema version.</summary>
    /// <exception cref="ContractFormatException">The bytes are not a <typeparamref name="T"/>, or its version is unknown.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> payload)
        where T : IVersionedMessage, IMessage<T>, new()
    {
        T message;
        try
        {
            message = new MessageParser<T>(() => new T()).ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ContractFormatException($"unparseable {typeof(T).Name}: {e.Message}", e);
        }

        if (!SchemaVersions.IsSupported(message.SchemaVersion))
        {
            throw new ContractFormatException(
                $"{typeof(T).Name} has schema version {message.SchemaVersion}; this build reads version {SchemaVersions.Current}");
        }

        return message;
    }

    public static byte[] Serialize(IMessage message) => message.ToByteArray();
}
