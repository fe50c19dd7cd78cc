using System.Drawing;
using System.Runtime.InteropServices;
using Aird.Stream.Models.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Aird.Stream.Vision.Detection;

/// <summary>Finds faces, small ones included, by running BlazeFace on the tiles of a <see cref="TilingPlan"/>
/// and merging the per-tile results with weighted NMS. Thread-safe: every call has its own buffers.</summary>
public sealed partial class BlazeFaceDetector : IDisposable
{
    private readonly FaceDetectorOptions _options;
    private readonly ILogger<BlazeFaceDetector> _logger;
    private readonly OnnxSession _onnx;
    private readonly InferenceSession _session;
    private readonly int _inputSize;
    private readonly PointF[] _anchors;
    private readonly string _inputName;
    private readonly string[] _outputNames;

    public BlazeFaceDetector(IOptions<FaceDetectorOptions> options, OnnxSessionFactory sessions, ILogger<BlazeFaceDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        Validate(_options);

        _inputSize = _options.Variant == BlazeFaceVariant.Back256 ? 256 : 128;
        _anchors = BlazeFaceAnchors.Create(_inputSize);
        _onnx = sessions.Create(_options.ModelPath, new OnnxRuntimeOptions
        {
            Provider = _options.UseCuda ? ExecutionProviderPreference.Auto : ExecutionProviderPreference.Cpu,
            IntraOpThreads = _options.IntraOpThreads,
        });
        _session = _onnx.Session;
        _inputName = CheckInput();
        _outputNames = OutputNamesInAnchorOrder();
        LogStarted(_options.Variant, ExecutionProvider, _options.ModelPath);
    }

    /// <summary>The ONNX Runtime provider that actually runs the model.</summary>
    public OnnxExecutionProvider ExecutionProvider => _onnx.Provider;

    /// <summary>How many tiles <see cref="Detect"/> runs on a frame of this size with the configured face range.</summary>
    public int TileCount(int frameWidth, int frameHeight) =>
        TilingPlan.Create(frameWidth, frameHeight, _options.MinFacePx, _options.MaxFacePx).Count;

    /// <summary>Detects faces in an 8-bit image with 1 (grey), 3 (BGR) or 4 (BGRA) channels.</summary>
    /// <returns>Faces in image coordinates, best score first; empty when there is none.</returns>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit grey/BGR/BGRA.</exception>
    public IReadOnlyList<FaceDetection> Detect(Mat image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bgr = ToBgr(image);
        var tiles = TilingPlan.Create(bgr.Width, bgr.Height, _options.MinFacePx, _options.MaxFacePx);
        var faces = Run(bgr, tiles, new FaceSizeRange(_options.MinFacePx, _options.MaxFacePx), cancellationToken);
        LogDetected(faces.Count, tiles.Count, bgr.Width, bgr.Height);
        return faces;
    }

    /// <summary>Detects faces in the whole image scaled to one model input, whatever the configured face range:
    /// for a crop already framed around a face, as in <see cref="Alignment.KeypointRefiner"/>.</summary>
    /// <returns>Faces in image coordinates, best score first; empty when there is none.</returns>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit grey/BGR/BGRA.</exception>
    public IReadOnlyList<FaceDetection> DetectWhole(Mat image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bgr = ToBgr(image);
        var side = Math.Max(bgr.Width, bgr.Height);
        return Run(bgr, [new Tile(0, 0, side)], new FaceSizeRange(1, side * 2), cancellationToken);
    }

    /// <summary>The model's input side in pixels (256 for back-256, 128 for front-128).</summary>
    public int InputSize => _inputSize;

    private IReadOnlyList<FaceDetection> Run(Mat bgr, IReadOnlyList<Tile> tiles, FaceSizeRange sizes, CancellationToken cancellationToken)
    {
        var input = new float[_inputSize * _inputSize * 3];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, _inputSize, _inputSize, 3]);
        using var canvas = new Mat(_inputSize, _inputSize, MatType.CV_8UC3);
        using var rgb = new Mat();
        using var scaled = new Mat();
        using var runOptions = new RunOptions();
        var inTile = new List<FaceDetection>();
        var found = new List<FaceDetection>();
        foreach (var tile in tiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FillInput(bgr, tile, canvas, rgb, scaled, input);
            using var outputs = _session.Run(runOptions, [_inputName], [inputValue], _outputNames);

            inTile.Clear();
            BlazeFaceDecoder.Decode(
                outputs[0].GetTensorDataAsSpan<float>(),
                outputs[2].GetTensorDataAsSpan<float>(),
                _anchors.AsSpan(0, BlazeFaceAnchors.FineCount),
                _options.ScoreThreshold,
                inTile);
            BlazeFaceDecoder.Decode(
                outputs[1].GetTensorDataAsSpan<float>(),
                outputs[3].GetTensorDataAsSpan<float>(),
                _anchors.AsSpan(BlazeFaceAnchors.FineCount),
                _options.ScoreThreshold,
                inTile);
            foreach (var detection in inTile)
            {
                var inFrame = tile.ToFrame(detection, _inputSize);
                if (sizes.Admits(inFrame.Box) && !tile.Cuts(inFrame.Box, bgr.Width, bgr.Height))
                {
                    found.Add(inFrame);
                }
            }
        }

        return WeightedNms.Merge(found, _options.NmsIouThreshold);
    }

    public void Dispose() => _onnx.Dispose();

    private static void Validate(FaceDetectorOptions options)
    {
        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException(
                $"BlazeFace model not found at '{options.ModelPath}' (deploy/setup.sh fetches it).", options.ModelPath);
        }

        if (options.MinFacePx < 4 || options.MaxFacePx < options.MinFacePx)
        {
            throw new ArgumentException(
                $"Face size range {options.MinFacePx}..{options.MaxFacePx} px is invalid: need 4 <= MinFacePx <= MaxFacePx.");
        }

        if (options.ScoreThreshold is <= 0 or >= 1 || options.NmsIouThreshold is <= 0 or >= 1)
        {
            throw new ArgumentException("ScoreThreshold and NmsIouThreshold must lie strictly between 0 and 1.");
        }
    }

    private string CheckInput()
    {
        var (name, meta) = _session.InputMetadata.Single();
        int[] expected = [1, _inputSize, _inputSize, 3];
        if (!meta.Dimensions.SequenceEqual(expected))
        {
            throw new InvalidDataException(
                $"Model input [{string.Join(',', meta.Dimensions)}] is not [{string.Join(',', expected)}]: "
                + $"is '{_options.ModelPath}' the {_options.Variant} BlazeFace model?");
        }

        return name;
    }

    /// <summary>Output names ordered fine scores, coarse scores, fine boxes, coarse boxes, found by shape
    /// rather than by the exporter's names.</summary>
    private string[] OutputNamesInAnchorOrder()
    {
        string Find(int rows, int width) =>
            _session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.SequenceEqual([1, rows, width])).Key
            ?? throw new InvalidDataException($"Model '{_options.ModelPath}' has no BlazeFace output [1,{rows},{width}].");

        return
        [
            Find(BlazeFaceAnchors.FineCount, 1),
            Find(BlazeFaceAnchors.CoarseCount, 1),
            Find(BlazeFaceAnchors.FineCount, BlazeFaceDecoder.BoxStride),
            Find(BlazeFaceAnchors.CoarseCount, BlazeFaceDecoder.BoxStride),
        ];
    }

    private static Mat ToBgr(Mat image)
    {
        if (image.Empty())
        {
            throw new ArgumentException("The image is empty.", nameof(image));
        }

        if (image.Depth() != MatType.CV_8U)
        {
            throw new ArgumentException($"Only 8-bit images are supported, not {image.Type()}.", nameof(image));
        }

        var bgr = new Mat();
        switch (image.Channels())
        {
            case 1:
                Cv2.CvtColor(image, bgr, ColorConversionCodes.GRAY2BGR);
                break;
            case 3:
                image.CopyTo(bgr);
                break;
            case 4:
                Cv2.CvtColor(image, bgr, ColorConversionCodes.BGRA2BGR);
                break;
            default:
                bgr.Dispose();
                throw new ArgumentException($"Images with {image.Channels()} channels are not supported.", nameof(image));
        }

        return bgr;
    }

    /// <summary>Writes the tile, scaled to the input size and padded with black where it leaves the frame, as
    /// RGB in [-1, 1] (the model's training normalisation) into <paramref name="input"/>.</summary>
    private void FillInput(Mat bgr, Tile tile, Mat canvas, Mat rgb, Mat scaled, float[] input)
    {
        var scale = _inputSize / (double)tile.Size;
        var region = new Rect(tile.X, tile.Y, Math.Min(tile.Size, bgr.Width - tile.X), Math.Min(tile.Size, bgr.Height - tile.Y));
        var target = new OpenCvSharp.Size(
            Math.Clamp((int)Math.Round(region.Width * scale), 1, _inputSize),
            Math.Clamp((int)Math.Round(region.Height * scale), 1, _inputSize));

        canvas.SetTo(Scalar.All(0));
        using (var source = new Mat(bgr, region))
        using (var destination = new Mat(canvas, new Rect(0, 0, target.Width, target.Height)))
        {
            // Area averaging when shrinking avoids aliasing that hides small faces; linear when enlarging.
            Cv2.Resize(source, destination, target, 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        }

        Cv2.CvtColor(canvas, rgb, ColorConversionCodes.BGR2RGB);
        rgb.ConvertTo(scaled, MatType.CV_32FC3, 1 / 127.5, -1);
        Marshal.Copy(scaled.Data, input, 0, input.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BlazeFace {Variant} runs on the {Provider} provider ({ModelPath})")]
    private partial void LogStarted(BlazeFaceVariant variant, OnnxExecutionProvider provider, string modelPath);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Found {Faces} face(s) in {Tiles} tile(s) of a {Width}x{Height} image")]
    private partial void LogDetected(int faces, int tiles, int width, int height);
}
