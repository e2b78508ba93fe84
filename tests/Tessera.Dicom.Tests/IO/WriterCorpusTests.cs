using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;
using Tessera.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// Every corpus file our reader reads is written back (same syntax, and for native files every
/// native syntax and back), read again and compared element by element; DCMTK's dcmdump must
/// accept every file written without a warning.
/// </summary>
public sealed class WriterCorpusTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Files whose re-encoding DCMTK 3.6.7 comments on although it is conformant, with the reason.
    /// Keyed by corpus file; the value is a substring of the complaint line that is accepted.
    /// Empty: every file we write passes `dcmdump -dc` without a W:/E: line. (The two corpus files
    /// with elements in group 0001, which DCMTK calls invalid, are refused by the writer instead.)
    /// </summary>
    private static readonly Dictionary<string, string> KnownDcmtkQuirks = new(StringComparer.Ordinal)
    {
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("tessera-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Same_syntax_round_trip_keeps_every_element(string name)
    {
        if (!TryOpen(name, out var original) || RefusesIllegalGroups(name, original))
        {
            return;
        }

        var path = Path.Combine(_directory, name);
        Save(original, path, original.TransferSyntax);
        AssertDcmdumpAccepts(name, path, original.TransferSyntax);

        var back = DicomFile.Open(path);
        Assert.Equal(original.TransferSyntax, back.TransferSyntax);
        // The writer keeps values as read: a misspelt Specific Character Set term comes back and is
        // reported again. Nothing else may deviate in a file we wrote.
        var carried = original.Deviations.Where(d => d.Tag == DicomTags.SpecificCharacterSet).Select(d => d.Message);
        Assert.Equal(carried, back.Deviations.Select(d => d.Message));
        DatasetAssert.Equal(original.Dataset, back.Dataset, Comparison(original.TransferSyntax, original.TransferSyntax));
        Assert.Equal(DicomFileMetaInformation.ImplementationClassUid, back.FileMetaInformation.GetString(DicomTags.ImplementationClassUID));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Native_files_survive_every_native_syntax_and_back(string name)
    {
        if (!TryOpen(name, out var original) || RefusesIllegalGroups(name, original) || original.TransferSyntax.IsEncapsulated || original.Dataset.Any(e => e is DicomFragmentSequence))
        {
            return;
        }

        var written = new List<string>();
        foreach (var syntax in Syntaxes.Native)
        {
            var there = Path.Combine(_directory, $"{syntax.Keyword}-{name}");
            Save(original, there, syntax);
            written.Add(there);
            var read = DicomFile.Open(there);
            Assert.Equal(syntax, read.TransferSyntax);
            DatasetAssert.Equal(original.Dataset, read.Dataset, Comparison(original.TransferSyntax, syntax));

            var back = Path.Combine(_directory, $"back-{syntax.Keyword}-{name}");
            Save(read, back, original.TransferSyntax);
            var again = DicomFile.Open(back);
            DatasetAssert.Equal(original.Dataset, again.Dataset, Comparison(original.TransferSyntax, syntax));
        }

        // One dcmdump run for the three encodings (process start-up dominates on a loaded machine);
        // on a complaint, each file again to say which encoding it is about.
        if (!Dcmdump.Run(written[0], [.. written.Skip(1)]).IsClean(KnownDcmtkQuirks.GetValueOrDefault(name)))
        {
            foreach (var (path, syntax) in written.Zip(Syntaxes.Native))
            {
                AssertDcmdumpAccepts(name, path, syntax);
            }
        }
    }

    /// <summary>
    /// Saves with <see cref="DicomFile.Save"/>; a file without SOP Class/Instance UID in dataset or
    /// meta must be refused (PS3.10 7.1 makes them Type 1), and is then saved with placeholder
    /// meta UIDs so its dataset still gets round-tripped.
    /// </summary>
    private static void Save(DicomFile file, string path, DicomTransferSyntax syntax)
    {
        var classUid = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
        var instanceUid = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
        if (!string.IsNullOrEmpty(classUid) && !string.IsNullOrEmpty(instanceUid))
        {
            file.Save(path, syntax);
            return;
        }

        Assert.Throws<DicomException>(() => file.Save(path, syntax));
        Assert.False(File.Exists(path));
        var meta = new DicomDataset(file.FileMetaInformation);
        meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "2.25.1");
        DicomFileWriter.Save(path, meta, file.Dataset, syntax, new DicomWriteOptions { UnknownValuesAreBigEndian = file.TransferSyntax.IsBigEndian });
    }

    /// <summary>
    /// A dataset with elements in groups PS3.5 7.1 forbids cannot be written conformantly: the writer must
    /// say so. Exactly the files in <see cref="CorpusSkips.WriterRefuses"/> are such.
    /// </summary>
    private bool RefusesIllegalGroups(string name, DicomFile file)
    {
        var illegal = HasIllegalGroup(file.Dataset);
        CorpusSkips.AssertSkipIsExpected("writer", name, CorpusSkips.WriterRefuses.GetValueOrDefault(name), skipped: illegal);
        if (!illegal)
        {
            return false;
        }

        var error = Assert.Throws<DicomException>(() => new DicomWriter(file.TransferSyntax).Write(Stream.Null, file.Dataset));
        Assert.Contains("PS3.5 7.1", error.Message, StringComparison.Ordinal);
        output.WriteLine($"refused as expected: {error.Message}");
        return true;

        static bool HasIllegalGroup(DicomDataset dataset) =>
            dataset.Any(e => e.Tag.Group is 0x0001 or 0x0003 or 0x0005 or 0x0007 or 0xFFFF
                || (e is DicomSequence sequence && sequence.Items.Any(HasIllegalGroup)));
    }

    private static DatasetComparison Comparison(DicomTransferSyntax from, DicomTransferSyntax via) =>
        DatasetComparison.RoundTrip with { AllowDictionaryVR = !via.IsExplicitVR || !from.IsExplicitVR };

    /// <summary>Only the files in <see cref="CorpusSkips.ReaderRejects"/> may fail to open.</summary>
    private bool TryOpen(string name, out DicomFile file)
    {
        file = CorpusSkips.OpenOrExpectRejection(name)!;
        if (file is null)
        {
            output.WriteLine($"{name}: rejected by our reader, not compared ({CorpusSkips.ReaderRejects[name]})");
        }

        return file is not null;
    }

    private void AssertDcmdumpAccepts(string name, string path, DicomTransferSyntax syntax)
    {
        var result = Dcmdump.Run(path);
        var complaints = result.Complaints
            .Where(line => !(KnownDcmtkQuirks.TryGetValue(name, out var accepted) && line.Contains(accepted, StringComparison.Ordinal)))
            .ToList();
        if (result.ExitCode != 0 || complaints.Count > 0)
        {
            output.WriteLine(result.Output);
            throw new Xunit.Sdk.XunitException($"dcmdump on {name} written as {syntax}: exit {result.ExitCode}\n{string.Join('\n', complaints)}\n{result.Error}");
        }
    }
}
