using System.Text;
using Tessera.Dicom.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// For every corpus file with a decoded reference (dumps/NAME.utf8.txt from DCMTK <c>dcmdump +U8</c>,
/// dumps/NAME.pydicom.txt from pydicom 2.3.1), every SH/LO/ST/LT/PN/UC/UT value, nested items
/// included, read through <see cref="DicomFile.Open"/> and the dataset's string API, equals the
/// reference. Both references are used where both exist.
/// </summary>
public sealed class CorpusTextDecodingTests(ITestOutputHelper output)
{
    /// <summary>
    /// Values where a reference is wrong, not us: (file, source, substring of the mismatch, reason).
    /// </summary>
    private static readonly (string File, string Source, string Match, string Reason)[] ExpectedDifferences =
    [
        ("chr_jp_multi.dcm", "pydicom", "VR UN, pydicom SH; value decoded as SH equal", PrivateImplicit),
        ("chr_jp_multi.dcm", "pydicom", "VR UN, pydicom LO; value decoded as LO equal", PrivateImplicit),
        ("chr_kr_multi.dcm", "pydicom", "VR UN, pydicom SH; value decoded as SH equal", PrivateImplicit),
        ("chr_kr_multi.dcm", "pydicom", "VR UN, pydicom LO; value decoded as LO equal", PrivateImplicit),
    ];

    private const string PrivateImplicit =
        "private (0019,10xx) elements of an implicit VR file: pydicom types them from its private dictionary, PS3.6 has no "
        + "private entries so the toolkit keeps UN (GetString has no VR to decode with); the bytes decoded as pydicom's VR are equal";

    /// <summary>The files with a decoded reference, and the number of text values compared per reference (pinned: a change is news).</summary>
    private static readonly Dictionary<string, (int Dcmdump, int Pydicom)> ExpectedCounts = new(StringComparer.Ordinal)
    {
        ["chr_arabic.dcm"] = (7, 7),
        ["chr_french_multi.dcm"] = (9, 0),
        ["chr_gb18030.dcm"] = (7, 7),
        ["chr_greek.dcm"] = (7, 7),
        ["chr_hebrew.dcm"] = (7, 7),
        ["chr_jp_h31.dcm"] = (0, 7),
        ["chr_jp_h32.dcm"] = (0, 7),
        ["chr_jp_multi.dcm"] = (0, 28),
        ["chr_kr_multi.dcm"] = (0, 28),
        ["chr_russian.dcm"] = (7, 7),
        ["chr_sq_encoding.dcm"] = (0, 4),
        ["chr_utf8.dcm"] = (0, 7),
        ["mr_overlay.dcm"] = (36, 0),
        ["sr_comprehensive.dcm"] = (110, 0),
    };

    public static TheoryData<string> FilesWithDecodedReferences() => new(Names());

    [Fact]
    public void The_files_with_decoded_references_are_the_expected_ones() =>
        Assert.Equal(ExpectedCounts.Keys.Order(StringComparer.Ordinal), Names());

    [Theory]
    [MemberData(nameof(FilesWithDecodedReferences))]
    public void Text_values_read_through_the_dataset_equal_the_decoded_references(string name)
    {
        var file = DicomFile.Open(CorpusFiles.PathOf(name));
        var counts = new Dictionary<string, int>();
        var unexpected = new List<string>();
        foreach (var (source, reference) in References(name))
        {
            var comparer = new DecodedTextComparer(source);
            comparer.Compare(reference, file.Dataset, string.Empty);
            counts[source] = comparer.Compared;
            output.WriteLine($"{name} vs {source}: {comparer.Compared} values compared, {comparer.Matched} equal ({comparer.MatchedNonAscii} of them non-ASCII)");
            foreach (var mismatch in comparer.Mismatches)
            {
                var known = ExpectedDifferences.FirstOrDefault(d => d.File == name && d.Source == source && mismatch.Contains(d.Match, StringComparison.Ordinal));
                output.WriteLine(known.Reason is null ? "MISMATCH " + mismatch : $"expected difference: {mismatch} ({known.Reason})");
                if (known.Reason is null)
                {
                    unexpected.Add(mismatch);
                }
            }
        }

        Assert.True(unexpected.Count == 0, $"{name}: {unexpected.Count} values differ, first: {unexpected.FirstOrDefault()}");
        var expected = ExpectedCounts[name];
        Assert.Equal((expected.Dcmdump, expected.Pydicom), (counts.GetValueOrDefault("dcmdump"), counts.GetValueOrDefault("pydicom")));
    }

    private static IEnumerable<(string Source, IReadOnlyList<DumpElement> Tree)> References(string name)
    {
        var utf8 = Path.Combine(CorpusFiles.Directory, "dumps", name + ".utf8.txt");
        if (File.Exists(utf8))
        {
            yield return ("dcmdump", DcmDump.Load(utf8, Encoding.UTF8).Dataset);
        }

        var pydicom = Path.Combine(CorpusFiles.Directory, "dumps", name + ".pydicom.txt");
        if (File.Exists(pydicom))
        {
            yield return ("pydicom", PydicomDump.Load(pydicom));
        }
    }

    private static string[] Names() =>
        [.. CorpusFiles.Names.Where(name =>
            File.Exists(Path.Combine(CorpusFiles.Directory, "dumps", name + ".utf8.txt"))
            || File.Exists(Path.Combine(CorpusFiles.Directory, "dumps", name + ".pydicom.txt")))];
}
