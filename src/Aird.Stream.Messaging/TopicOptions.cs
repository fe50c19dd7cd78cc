namespace Aird.Stream.Messaging;

/// <summary>Names of the pipeline's topics. Section <c>Kafka:Topics</c>.</summary>
public sealed class TopicOptions
{
    public const string SectionName = "Kafka:Topics";

    /// <summary>Aligned face crops from ingest, keyed by camera id.</summary>
    public string Crops { get; set; } = "aird.faces.crops";

    /// <summary>Embeddings from the recognizer, keyed by camera id.</summary>
    public string Embeddings { get; set; } = "aird.faces.embeddings";

    public string Alerts { get; set; } = "aird.alerts";

    /// <summary>Messages a worker could not parse or process, with the reason.</summary>
    public string DeadLetters { get; set; } = "aird.dlq";
}
