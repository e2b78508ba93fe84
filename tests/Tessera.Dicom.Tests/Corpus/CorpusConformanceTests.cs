using Tessera.Dicom.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// The reader against DCMTK on every corpus file: same elements, nesting, VRs and values as the
/// dcmdump reference dump; where dcmdump rejects a file, a <see cref="DicomException"/> or a
/// lenient read, never another exception.
/// </summary>
public sealed class CorpusConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Per file: differences from dcmdump that are our defensible choice, each matched by a
    /// substring of the difference text, with the reason.
    /// </summary>
    private static readonly Dictionary<string, (string Match, string Reason)[]> ExpectedDifferences = new(StringComparer.Ordinal)
    {
        ["priv_sq_nested.dcm"] = [("(0001,0002): length 9, dump 10", OddLength)],
        ["meta_missing_tsyntax.dcm"] = [("(0001,0002): length 9, dump 10", OddLength)],
    };

    private const string OddLength =
        "DCMTK pads an odd-length value to even length while loading; we keep the 9 bytes as stored and report the odd length as a deviation (lenient in, strict out: the writer pads)";

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Reads_the_same_elements_VRs_and_values_as_dcmdump(string name)
    {
        var dump = DcmDump.Load(Path.Combine(CorpusFiles.Directory, "dumps", name + ".txt"));
        if (CorpusFiles.DcmdumpExit(name) != 0)
        {
            // Each file dcmdump rejects is listed as rejected by us too or read leniently, with the reason.
            if (CorpusSkips.ReaderRejects.TryGetValue(name, out var why))
            {
                var exception = Assert.Throws<DicomException>(() => DicomFile.Open(CorpusFiles.PathOf(name)));
                output.WriteLine($"dcmdump rejects {name}; so do we ({why}): {exception.Message}");
            }
            else
            {
                Assert.True(CorpusSkips.ReadLenientlyWhereDcmdumpRejects.TryGetValue(name, out why), $"dcmdump rejects {name}, which CorpusSkips does not list");
                var lenient = DicomFile.Open(CorpusFiles.PathOf(name));
                output.WriteLine($"dcmdump rejects {name}; we read it leniently ({lenient.Dataset.Count} elements; {why}):");
                WriteDeviations(lenient);
                Assert.NotEmpty(lenient.Deviations);
            }

            return;
        }

        var file = DicomFile.Open(CorpusFiles.PathOf(name));
        var comparer = new DumpComparer();
        comparer.CompareDataset(dump.Meta, file.FileMetaInformation, "meta ");
        comparer.CompareDataset(dump.Dataset, file.Dataset, string.Empty);
        WriteDeviations(file);
        foreach (var accepted in comparer.Accepted)
        {
            output.WriteLine("accepted: " + accepted);
        }

        var expected = ExpectedDifferences.GetValueOrDefault(name) ?? [];
        var unexpected = new List<string>();
        foreach (var difference in comparer.Differences)
        {
            var known = expected.FirstOrDefault(e => difference.Contains(e.Match, StringComparison.Ordinal));
            if (known.Match is null)
            {
                unexpected.Add(difference);
                output.WriteLine("DIFFERENCE: " + difference);
            }
            else
            {
                output.WriteLine($"expected difference: {difference} ({known.Reason})");
            }
        }

        Assert.True(unexpected.Count == 0, $"{name}: {unexpected.Count} differences from dcmdump, first: {unexpected.FirstOrDefault()}");
    }

    private void WriteDeviations(DicomFile file)
    {
        foreach (var deviation in file.Deviations)
        {
            output.WriteLine("deviation: " + deviation);
        }
    }
}
