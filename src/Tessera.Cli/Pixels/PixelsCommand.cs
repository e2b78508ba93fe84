using System.CommandLine;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dicom.Pixels;

namespace Tessera.Cli.Pixels;

/// <summary>`tessera pixels FILE --frame N -o OUT`: one native frame, raw, in the corpus's and DICOMweb's layout.</summary>
internal static class PixelsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "a DICOM image with uncompressed pixel data" };
        var frame = new Option<int>("--frame", "-f") { Description = "frame number, from 1 as in DICOMweb", DefaultValueFactory = _ => 1 };
        var outputPath = new Option<string>("--output", "-o") { Description = "file to write the raw frame to", Required = true };
        var command = new Command(
            "pixels",
            "Write one decoded frame: little endian, samples interleaved, 1-bit pixels unpacked to one byte each.")
        {
            file, frame, outputPath,
        };
        command.SetAction(parseResult =>
        {
            var number = parseResult.GetValue(frame);
            if (number < 1)
            {
                Console.Error.WriteLine("tessera pixels: --frame counts from 1");
                return ExitCodes.UsageError;
            }

            return Run(parseResult.GetValue(file)!, number, parseResult.GetValue(outputPath)!, Console.Error);
        });
        return command;
    }

    public static int Run(string path, int frameNumber, string outputPath, TextWriter error)
    {
        try
        {
            var file = DicomFile.Open(path);
            var frame = NativeFrameReader.ReadFrame(file.Dataset, frameNumber - 1);
            File.WriteAllBytes(outputPath, frame);
            return ExitCodes.Success;
        }
        catch (DicomException exception)
        {
            error.WriteLine($"tessera: {path}: {exception.Message}");
            return ExitCodes.InputError;
        }
        catch (ArgumentOutOfRangeException exception)
        {
            error.WriteLine($"tessera: {path}: {exception.Message.Split(" (Parameter", 2)[0]}");
            return ExitCodes.InputError;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"tessera: {path}: {exception.Message}");
            return ExitCodes.InputError;
        }
    }
}
