using OpenCvSharp;

namespace Aird.Stream.Vision;

/// <summary>Reads image files for the detector, failing clearly instead of handing on an empty image.</summary>
public static class ImageFiles
{
    /// <summary>Reads a file as an 8-bit BGR image.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image OpenCV can decode.</exception>
    public static Mat ReadBgr(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Image file not found.", path);
        }

        var image = Cv2.ImRead(path, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new InvalidDataException($"Not a readable image: {path}");
        }

        return image;
    }
}
