using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Recognizer;

/// <summary>Settings of the recognizer worker, section <c>Recognizer</c>.</summary>
public sealed class RecognizerOptions
{
    public const string SectionName = "Recognizer";

    /// <summary>Path of the ONNX embedder: the FaceBN student graph, or any plain embedder when <see cref="FaceBn"/> is off.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Adapt BatchNorm statistics per camera (the model must be a FaceBN graph); off runs a plain embedder.</summary>
    public bool FaceBn { get; set; } = true;

    public ExecutionProviderPreference Provider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>CPU threads of one inference; 0 means all cores.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>The consumer group of all recognizer instances: Kafka gives each camera's partition to one of them.</summary>
    public string GroupId { get; set; } = "aird-recognizer";

    /// <summary>
    /// Consumer loops in this process, each a member of the group handing over micro-batches of its partitions' crops.
    /// One loop fills a batch by itself; more overlap one loop's decoding and publishing with another's inference,
    /// and their crops then meet in one inference (each loop's batch waiting up to <see cref="MaxWaitMs"/> there too).
    /// </summary>
    public int Consumers { get; set; } = 1;

    /// <summary>Most crops per inference, and per batch a consumer loop hands over.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the first crop of a batch waits for more to arrive.</summary>
    public int MaxWaitMs { get; set; } = 5;

    /// <summary>A camera's FaceBN state is saved after this many new faces...</summary>
    public int SaveEveryFaces { get; set; } = 500;

    /// <summary>...or this long after its first unsaved face, and always when its partition is revoked and on shutdown.</summary>
    public int SaveEveryMs { get; set; } = 30_000;
}
