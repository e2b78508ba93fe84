using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// How many corpus files each corpus-wide check compares, pinned. The per-file theories fail when a
/// file is skipped without an entry in <see cref="CorpusSkips"/>; these numbers make the coverage
/// visible and catch a corpus or table change that shrinks it.
/// </summary>
public sealed class CorpusCoverageTests(ITestOutputHelper output)
{
    private const int CorpusSize = 120;

    [Fact]
    public void The_files_dcmdump_rejects_are_exactly_those_we_reject_or_read_leniently()
    {
        var rejectedByDcmdump = CorpusFiles.Names.Where(n => CorpusFiles.DcmdumpExit(n) != 0).Order(StringComparer.Ordinal);
        var ours = CorpusSkips.ReaderRejects.Keys.Concat(CorpusSkips.ReadLenientlyWhereDcmdumpRejects.Keys).Order(StringComparer.Ordinal);
        Assert.Equal(rejectedByDcmdump, ours);
    }

    [Fact]
    public void Every_table_entry_names_a_corpus_file()
    {
        var names = CorpusFiles.Names.ToHashSet(StringComparer.Ordinal);
        var tables = new[]
        {
            CorpusSkips.ReaderRejects, CorpusSkips.ReadLenientlyWhereDcmdumpRejects, CorpusSkips.Dcm2JsonCannotConvert,
            CorpusSkips.Dcm2XmlCannotConvert, CorpusSkips.WriterRefuses,
        };
        Assert.All(tables.SelectMany(t => t.Keys), n => Assert.Contains(n, names));
    }

    [Fact]
    public void Files_compared_per_check()
    {
        var names = CorpusFiles.Names.ToArray();
        Assert.Equal(CorpusSize, names.Length);
        var readable = names.Where(n => !CorpusSkips.ReaderRejects.ContainsKey(n)).ToArray();
        var files = readable.ToDictionary(n => n, n => DicomFile.Open(CorpusFiles.PathOf(n)), StringComparer.Ordinal);
        var writable = readable.Where(n => !CorpusSkips.WriterRefuses.ContainsKey(n)).ToArray();
        var native = writable.Where(n => !files[n].TransferSyntax.IsEncapsulated && !files[n].Dataset.Any(e => e is DicomFragmentSequence)).ToArray();

        var counts = new (string Check, int Compared, int Expected)[]
        {
            ("reader vs dcmdump dump (dcmdump accepts the file)", names.Count(n => CorpusFiles.DcmdumpExit(n) == 0), 116),
            ("reader: files read (of which leniently where dcmdump rejects: 1)", readable.Length, 117),
            ("JSON round trip", readable.Length, 117),
            ("XML round trip", readable.Length, 117),
            ("JSON vs dcm2json", readable.Count(n => CorpusSkips.Dcm2JsonSkip(n, files[n].Dataset) is null), 51),
            ("XML vs dcm2xml", readable.Count(n => CorpusSkips.Dcm2XmlSkip(n) is null), 107),
            ("writer: same-syntax round trip + dcmdump", writable.Length, 115),
            ("writer: every native syntax and back + dcmdump", native.Length, 51),
            ("decoded text vs dcmdump +U8 / pydicom", CorpusTextDecodingTests.FilesWithDecodedReferences().Count, 14),
            ("resumable reader: every split position", ReaderResumptionTests.SmallFiles().Count, 32),
        };

        foreach (var (check, compared, _) in counts)
        {
            output.WriteLine($"{compared,4} of {CorpusSize}  {check}");
        }

        Assert.Equal(counts.Select(c => (c.Check, c.Expected)), counts.Select(c => (c.Check, c.Compared)));
    }
}
