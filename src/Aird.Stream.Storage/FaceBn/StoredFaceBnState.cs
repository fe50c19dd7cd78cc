namespace Aird.Stream.Storage.FaceBn;

/// <summary>
/// One camera's serialised FaceBN statistics for one model version, as the <c>facebn_state</c> table holds them.
/// The blob's format belongs to the recognizer; storage only keeps it.
/// </summary>
public sealed record StoredFaceBnState(string CameraId, string ModelVersion, ReadOnlyMemory<byte> State, long FacesSeen);
