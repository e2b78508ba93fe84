using Tessera.Archive.Index;
using Tessera.Cli.Check;
using Tessera.Cli.Import;
using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Cli.Tests;

/// <summary>`tessera import` and `tessera check` on corpus files, DICOM media and a tampered archive.</summary>
public sealed class ArchiveCommandTests : IDisposable
{
    private static readonly string[] Samples = ["ct_small_evrle.dcm", "mr_small_evrle.dcm", "us_jpeg_30frame.dcm"];

    private readonly string _work = Directory.CreateTempSubdirectory("tessera-cli-archive-").FullName;

    private string Data => Path.Combine(_work, "data");

    private string Inputs()
    {
        var folder = Path.Combine(_work, "in", "nested");
        Directory.CreateDirectory(folder);
        foreach (var name in Samples)
        {
            File.Copy(Corpus.PathOf(name), Path.Combine(folder, name));
        }

        return Path.Combine(_work, "in");
    }

    private async Task<(int ExitCode, string Output, string Error)> ImportAsync(params string[] paths)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ImportCommand.RunAsync(paths, Data, 2, DuplicatePolicy.KeepBoth, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<(int ExitCode, string Output)> CheckAsync()
    {
        var output = new StringWriter();
        var exit = await CheckCommand.RunAsync(Data, verifyChecksums: true, output, new StringWriter(), CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Import_is_resumable_and_check_finds_a_tampered_file()
    {
        var inputs = Inputs();

        var first = await ImportAsync(inputs);
        var second = await ImportAsync(inputs);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Contains("3 files", first.Output, StringComparison.Ordinal);
        Assert.Contains("3 stored", first.Output, StringComparison.Ordinal);
        Assert.Contains("3 duplicates", second.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await CheckAsync()).ExitCode);

        var stored = Directory.EnumerateFiles(Path.Combine(Data, "files"), "*.dcm", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(stored);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(stored, bytes);

        var check = await CheckAsync();
        Assert.Equal(ExitCodes.Inconsistent, check.ExitCode);
        Assert.Contains("corrupt", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_DICOM_files_in_a_folder_are_skipped_but_one_named_explicitly_fails_with_its_reason()
    {
        var inputs = Inputs();
        File.WriteAllText(Path.Combine(inputs, "notes.txt"), "not DICOM");
        File.WriteAllBytes(Path.Combine(inputs, "nested", "photo.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00]);

        var folder = await ImportAsync(inputs);
        var named = await ImportAsync(Path.Combine(inputs, "notes.txt"));

        Assert.Equal(ExitCodes.Success, folder.ExitCode);
        Assert.Contains("3 files", folder.Output, StringComparison.Ordinal);
        Assert.Contains("0 failed, 2 skipped (not DICOM)", folder.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, named.ExitCode);
        Assert.Contains("1 failed, 0 skipped (not DICOM)", named.Output, StringComparison.Ordinal);
        Assert.Contains("notes.txt: failed: Cannot understand", named.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DICOMDIR_imports_the_files_it_references_and_refuses_paths_off_the_medium()
    {
        var medium = Path.Combine(_work, "medium");
        Directory.CreateDirectory(Path.Combine(medium, "IMAGES"));
        File.Copy(Corpus.PathOf(Samples[0]), Path.Combine(medium, "IMAGES", "IM1"));
        File.Copy(Corpus.PathOf(Samples[1]), Path.Combine(medium, "IMAGES", "IM2"));
        File.Copy(Corpus.PathOf(Samples[2]), Path.Combine(_work, "OUTSIDE"));
        WriteDicomDir(Path.Combine(medium, "DICOMDIR"), ["IMAGES", "IM1"], ["IMAGES", "IM2"], ["..", "OUTSIDE"]);

        var result = await ImportAsync(Path.Combine(medium, "DICOMDIR"));

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("2 files", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 stored", result.Output, StringComparison.Ordinal);
        Assert.Contains("refused Referenced File ID '..\\OUTSIDE'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executable_imports_and_checks()
    {
        var inputs = Inputs();

        var import = TesseraProcess.Run("import", "--data", Data, inputs);
        var check = TesseraProcess.Run("check", "--data", Data);
        var missing = TesseraProcess.Run("check", "--data", Path.Combine(_work, "nothing"));

        Assert.Equal(ExitCodes.Success, import.ExitCode);
        Assert.Contains("3 stored", import.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, check.ExitCode);
        Assert.Contains("0 missing, 0 corrupt, 0 orphaned", check.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, missing.ExitCode);
    }

    private static void WriteDicomDir(string path, params string[][] references)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.FileSetID, DicomVR.CS, "TEST");
        var records = new DicomSequence(DicomTags.DirectoryRecordSequence);
        foreach (var reference in references)
        {
            var record = new DicomDataset();
            record.AddOrUpdate(DicomTags.DirectoryRecordType, DicomVR.CS, "IMAGE");
            record.AddOrUpdate(DicomTags.ReferencedFileID, DicomVR.CS, reference);
            records.Add(record);
        }

        dataset.Add(records);
        var meta = new DicomDataset();
        meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, DicomUids.MediaStorageDirectoryStorage);
        meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.99");
        using var stream = File.Create(path);
        DicomFileWriter.Write(stream, meta, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
