using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Student;
using Aird.Stream.Recognition.FaceBn;
using Aird.Stream.Storage.FaceBn;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Recognizer;

/// <summary>Opens the model <see cref="RecognizerOptions"/> names, as a FaceBN student or as a plain embedder.</summary>
internal static class CropEmbedders
{
    /// <exception cref="FileNotFoundException">There is no model at <see cref="RecognizerOptions.Model"/>.</exception>
    /// <exception cref="InvalidDataException">The model is not a FaceBN graph (FaceBN on) or not an embedder.</exception>
    public static ICropEmbedder Open(
        RecognizerOptions options, OnnxSessionFactory sessions, FaceBnStateStore store, TimeProvider time, ILogger logger)
    {
        var session = sessions.Create(options.Model, new OnnxRuntimeOptions { Provider = options.Provider, IntraOpThreads = options.IntraOpThreads });
        try
        {
            if (options.FaceBn)
            {
                var faceBn = new FaceBnSession(session);
                var cameras = new CameraStates(faceBn.Model, MomentumSchedule.Default, store, options, time, logger);
                return new FaceBnCropEmbedder(faceBn, cameras);
            }

            var model = EmbedderModelInfo.Describe(Path.GetFileNameWithoutExtension(options.Model), session.Session);

            // The student's exports name their weights; other embedders (the teacher) are known by their file.
            var version = session.Session.ModelMetadata.CustomMetadataMap.TryGetValue(StudentModel.VersionMetadataKey, out var named)
                ? named
                : model.Name;
            return new PlainCropEmbedder(new FaceEmbedder(session, model, options.MaxBatchSize), version);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
