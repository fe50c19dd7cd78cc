using System.Globalization;

namespace Aird.Stream.Video;

/// <summary>
/// Checks a <see cref="CamerasOptions"/> snapshot. Not an <c>IValidateOptions</c>: a reloaded cameras.json that fails
/// must be refused by the fleet (which keeps the cameras it runs), not thrown inside the configuration reload.
/// </summary>
internal static class CamerasOptionsValidator
{
    public static IReadOnlyList<string> Validate(CamerasOptions options)
    {
        var errors = new List<string>();
        if (options.ReconnectInitialMs <= 0 || options.ReconnectMaxMs < options.ReconnectInitialMs)
        {
            errors.Add("Cameras:ReconnectInitialMs must be positive and at most Cameras:ReconnectMaxMs.");
        }

        if (options.StallTimeoutMs <= 0)
        {
            errors.Add("Cameras:StallTimeoutMs must be positive.");
        }

        if (options.FrameQueueCapacity < 1)
        {
            errors.Add("Cameras:FrameQueueCapacity must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.FfmpegPath) || string.IsNullOrWhiteSpace(options.FfprobePath))
        {
            errors.Add("Cameras:FfmpegPath and Cameras:FfprobePath must name the programs.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Items.Count; i++)
        {
            var camera = options.Items[i];
            var name = string.Create(CultureInfo.InvariantCulture, $"Cameras:Items:{i} ('{camera.Id}')");
            if (string.IsNullOrWhiteSpace(camera.Id) || camera.Id.Any(char.IsWhiteSpace))
            {
                errors.Add($"{name}: Id must be set and contain no spaces.");
            }
            else if (!seen.Add(camera.Id))
            {
                errors.Add($"{name}: Id is used by another camera (ids are compared ignoring case).");
            }

            if (string.IsNullOrWhiteSpace(camera.Url))
            {
                errors.Add($"{name}: Url must be set.");
            }
            else if (camera.Loop && CameraInput.KindOf(camera.Url) != CameraInputKind.File)
            {
                errors.Add($"{name}: Loop applies to files only.");
            }

            if (!(camera.Fps > 0 && camera.Fps <= 1000))
            {
                errors.Add($"{name}: Fps must be above 0 and at most 1000.");
            }

            if (camera.MinFacePx <= 0 || camera.MaxFacePx <= 0 || camera.MinFacePx > camera.MaxFacePx)
            {
                errors.Add($"{name}: MinFacePx and MaxFacePx must be positive and MinFacePx at most MaxFacePx.");
            }
        }

        return errors;
    }
}
