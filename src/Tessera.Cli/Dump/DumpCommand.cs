using System.CommandLine;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dicom.Serialization;

namespace Tessera.Cli.Dump;

/// <summary>`tessera dump FILE...`: every element of each file, as text, DICOM JSON or Native DICOM Model XML.</summary>
internal static class DumpCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "DICOM files to print", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "print DICOM JSON (PS3.18 Annex F)" };
        var xml = new Option<bool>("--xml") { Description = "print the Native DICOM Model (PS3.19 Annex A)" };
        var command = new Command("dump", "Print every element of DICOM files: tag, VR, value, keyword; nested items indented.")
        {
            files, json, xml,
        };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(json) && parseResult.GetValue(xml))
            {
                Console.Error.WriteLine("tessera dump: choose one of --json and --xml");
                return ExitCodes.UsageError;
            }

            var format = parseResult.GetValue(json) ? DumpFormat.Json : parseResult.GetValue(xml) ? DumpFormat.Xml : DumpFormat.Text;
            using var output = Console.OpenStandardOutput();
            return Run(parseResult.GetValue(files) ?? [], format, output, Console.Error);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, DumpFormat format, Stream outputStream, TextWriter error)
    {
        // Console.Out flushes every line; a dump is thousands of lines, so buffer it.
        using var output = new StreamWriter(outputStream, bufferSize: 1 << 16, leaveOpen: true) { AutoFlush = false };
        var exitCode = ExitCodes.Success;
        foreach (var path in paths)
        {
            try
            {
                var file = DicomFile.Open(path);
                if (paths.Count > 1 && format == DumpFormat.Text)
                {
                    output.WriteLine($"# {path}");
                }

                Print(file, format, output);
                foreach (var deviation in file.Deviations)
                {
                    error.WriteLine($"tessera: {path}: warning: {deviation}");
                }
            }
            catch (DicomException exception)
            {
                error.WriteLine($"tessera: {path}: {exception.Message}");
                exitCode = ExitCodes.InputError;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"tessera: {path}: {exception.Message}");
                exitCode = ExitCodes.InputError;
            }
        }

        return exitCode;
    }

    private static void Print(DicomFile file, DumpFormat format, StreamWriter output)
    {
        switch (format)
        {
            case DumpFormat.Json:
                // As dcm2json does: the dataset without its file meta, binary values inline.
                output.Flush();
                new DicomJsonWriter(new DicomJsonWriterOptions { Indented = true, InlineBinaryThreshold = long.MaxValue })
                    .WriteAsync(output.BaseStream, file.Dataset).GetAwaiter().GetResult();
                output.WriteLine();
                break;
            case DumpFormat.Xml:
                output.Flush();
                new DicomXmlWriter(new DicomXmlWriterOptions { Indented = true, InlineBinaryThreshold = long.MaxValue })
                    .WriteAsync(output.BaseStream, file.Dataset).GetAwaiter().GetResult();
                output.WriteLine();
                break;
            default:
                var formatter = new DumpFormatter(output);
                output.WriteLine("# File Meta Information");
                formatter.Write(file.FileMetaInformation);
                output.WriteLine($"# Dataset ({file.TransferSyntax})");
                formatter.Write(file.Dataset);
                break;
        }
    }
}
