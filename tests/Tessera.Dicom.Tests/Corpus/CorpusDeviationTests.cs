using System.Text.RegularExpressions;
using Tessera.Dicom.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// Lenient in, each deviation reported (STYLE 11): for every real-world deviation the corpus MANIFEST
/// notes for a file, the reader reports a <see cref="DicomDeviation"/> of that kind; and a file whose
/// notes name none is read without any.
/// </summary>
public sealed class CorpusDeviationTests(ITestOutputHelper output)
{
    /// <summary>
    /// A MANIFEST note (regex on the notes column) and the deviation it implies (substring of
    /// <see cref="DicomDeviation.Message"/>), with the tag where the deviation belongs to one.
    /// </summary>
    private static readonly (string Kind, Regex Note, string Message)[] Rules =
    [
        ("no preamble", new("no 128-byte preamble/DICM"), "128-byte preamble"),
        ("no File Meta Information", new("no file meta information"), "no File Meta Information"),
        ("meta without Transfer Syntax UID", new("no TransferSyntaxUID"), "has no Transfer Syntax UID"),
        ("meta without group length", new("No Group Length available in Meta Information Header"), "File Meta Information has no group length"),
        ("odd value length", new(@"\d+ odd-length values|Length of element \(7fe0,0010\) is odd"), "odd value length"),
        ("encapsulated Pixel Data as OW", new(@"Length of element \(7fe0,0010\) is not a multiple of 2 \(VR=OW\)"), "encapsulated Pixel Data with VR OW read as OB"),
        ("UN sequence in explicit VR (CP-246)", new(@"VR UN with undefined length inside explicit VR"), "UN with undefined length read as a sequence"),
        ("element in a forbidden group", new(@"Found element \(0001,"), "group 0001 is not allowed"),
        ("non-standard character set term", new("charset spelled 'ISO-IR 100'"), "'ISO-IR 100' is not a Defined Term"),
        ("truncated", new("Sequence Delimitation Item missing"), "input ends inside"),
    ];

    /// <summary>Notes that name something odd which is not a deviation the reader can or should report, with the reason.</summary>
    private static readonly (Regex Note, string Reason)[] NotReaderDeviations =
    [
        (new("SOPInstanceUID contains spaces|contains one or more space characters"),
            "a value's content (UI with spaces): values are decoded lazily, on first use, so the reader does not inspect them; the value is kept as read"),
        (new("NumberOfFrames IS '1A'"),
            "a value's content (IS '1A'): not inspected by the reader; DicomDataset.GetIntegerStrings rejects it when used"),
        (new("known elements carry VR UN|sequence encoded implicit-VR inside an explicit VR file, VR UN"),
            "PS3.5 6.2.2 lets a writer that does not know an element's VR encode it as UN; a defined-length UN value is kept as bytes, as DCMTK does"),
        (new("SpecificCharacterSet present but empty"),
            "an empty Specific Character Set means the default repertoire, the same as absent (PS3.3 C.12.1.1.2)"),
        (new("charset 'ISO 2022 IR 100'"),
            "'ISO 2022 IR 100' is a Defined Term (PS3.3 Table C.12-3); only DCMTK's iconv conversion lacks it"),
        (new("non-conformant: JP2 file|JP2 wrapper instead of codestream|codestream corrupt|SIZ says unsigned|PixelRepresentation 1 but codestream unsigned"),
            "inside a compressed frame: the codecs' business, not the data set reader's"),
    ];

    /// <summary>Deviations the reader finds that the MANIFEST notes do not mention: (file, substring, why the notes miss it).</summary>
    private static readonly (string File, string Message, string Reason)[] BeyondTheNotes =
    [
        ("priv_sq_nested.dcm", "odd value length 9", OddPaddedByDcmtk),
        ("meta_missing_tsyntax.dcm", "odd value length 9", OddPaddedByDcmtk),
        ("mr_enh_j2k_tooshort.dcm", "encapsulated Pixel Data with VR OW read as OB",
            "the notes quote dcmdump's error only; dcmdump's stderr also warns 'Length of element (7fe0,0010) is not a multiple of 2 (VR=OW)', as for mr_enh_j2k_10frame"),
    ];

    private const string OddPaddedByDcmtk =
        "(0001,0002) holds 9 bytes; the MANIFEST counts odd lengths from the dump, where DCMTK has already padded the value to 10";

    public static TheoryData<string> ReadableFiles() =>
        new(CorpusFiles.Names.Where(n => !CorpusSkips.ReaderRejects.ContainsKey(n)));

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Each_deviation_the_manifest_notes_is_reported(string name)
    {
        var notes = CorpusFiles.Notes(name);
        var file = DicomFile.Open(CorpusFiles.PathOf(name));
        foreach (var deviation in file.Deviations)
        {
            output.WriteLine("deviation: " + deviation);
        }

        var expected = Rules.Where(r => r.Note.IsMatch(notes)).ToArray();
        foreach (var rule in expected)
        {
            Assert.True(
                file.Deviations.Any(d => d.Message.Contains(rule.Message, StringComparison.Ordinal)),
                $"{name}: the MANIFEST notes '{rule.Note}' but no deviation '{rule.Message}' ({rule.Kind}) was reported");
        }

        foreach (var (note, reason) in NotReaderDeviations.Where(n => n.Note.IsMatch(notes)))
        {
            output.WriteLine($"noted, not a reader deviation: {note} ({reason})");
        }

        // The other way round: nothing reported that the notes do not account for.
        var unexplained = file.Deviations
            .Where(d => !expected.Any(r => d.Message.Contains(r.Message, StringComparison.Ordinal)))
            .Where(d => !BeyondTheNotes.Any(b => b.File == name && d.Message.Contains(b.Message, StringComparison.Ordinal)))
            .ToArray();
        Assert.True(unexplained.Length == 0, $"{name}: deviations the MANIFEST does not note: {string.Join("; ", unexplained)}");
    }

    [Fact]
    public void Every_rule_applies_to_some_corpus_file()
    {
        var counts = Rules.Select(r => (r.Kind, Files: CorpusFiles.Names.Count(n => !CorpusSkips.ReaderRejects.ContainsKey(n) && r.Note.IsMatch(CorpusFiles.Notes(n))))).ToArray();
        foreach (var (kind, files) in counts)
        {
            output.WriteLine($"{files,3} files  {kind}");
        }

        Assert.DoesNotContain(counts, c => c.Files == 0);
        Assert.Equal(19, CorpusFiles.Names.Count(n => !CorpusSkips.ReaderRejects.ContainsKey(n) && Rules.Any(r => r.Note.IsMatch(CorpusFiles.Notes(n)))));
    }
}
