using Tessera.Dicom.IO;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// Every corpus file a corpus-wide check does not compare, with the reason. A check that skips a
/// file not listed here, or compares one listed here, fails: a reader regression that rejects one
/// more file cannot hide as a skip, and a fixed limitation cannot leave a stale entry behind.
/// <see cref="CorpusCoverageTests"/> pins the number of files each check compares.
/// </summary>
internal static class CorpusSkips
{
    /// <summary>Files our reader rejects with a <see cref="DicomException"/> (all three are rejected by dcmdump too).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReaderRejects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mr_truncated.dcm"] = "Pixel Data's length runs 62 bytes past the end of the file; a value cut short is not a value",
        ["rtplan_truncated.dcm"] = "the file ends inside a nested sequence whose defined length promises 265 more bytes",
        ["ct_no_meta.dcm"] = "a stray byte before the first element turns its header into tag (0820,0500) with length 173,228,800",
    };

    /// <summary>dcmdump rejects these and our reader recovers, reporting the damage as deviations.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReadLenientlyWhereDcmdumpRejects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mr_enh_j2k_tooshort.dcm"] = "the encapsulated Pixel Data lacks its Sequence Delimitation Item: the fragments read are kept and the missing delimiter reported",
    };

    /// <summary>Files DCMTK 3.6.7's dcm2json cannot convert, beyond the rule in <see cref="Dcm2JsonSkip"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dcm2JsonCannotConvert = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chr_jp_h31.dcm"] = Iso2022Ir87,
        ["chr_jp_h32.dcm"] = Iso2022Ir87,
        ["chr_jp_multi.dcm"] = Iso2022Ir87,
        ["ct_j2k_pixrep_mismatch.dcm"] = Iso2022Ir87,
        ["ct_j2k_jp2_elscint.dcm"] = "dcm2json converts to UTF-8 and cannot select single-valued 'ISO 2022 IR 100' as source character set",
        ["ct_j2k_explicit_un.dcm"] = "(0008,0005) is UN there; dcm2json reads its bytes as the character set term '49' and gives up",
        ["us_jpeg_8frame_frag_nobot.dcm"] = "dcm2json cannot select the misspelt 'ISO-IR 100' (we map it to ISO_IR 100 and report the deviation)",
    };

    /// <summary>Files DCMTK 3.6.7's dcm2xml (-nat +U8) cannot convert.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dcm2XmlCannotConvert = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chr_jp_h31.dcm"] = Iso2022Ir87,
        ["chr_jp_h32.dcm"] = Iso2022Ir87,
        ["chr_jp_multi.dcm"] = Iso2022Ir87,
        ["ct_j2k_pixrep_mismatch.dcm"] = Iso2022Ir87,
        ["ct_j2k_jp2_elscint.dcm"] = "dcm2xml +U8 cannot select single-valued 'ISO 2022 IR 100' as source character set",
        ["ct_j2k_explicit_un.dcm"] = "(0008,0005) is UN there; dcm2xml reads its bytes as the character set term '49' and gives up",
        ["us_jpeg_8frame_frag_nobot.dcm"] = "dcm2xml cannot select the misspelt 'ISO-IR 100'",
        ["chr_sq_encoding.dcm"] = "dcm2xml +U8 fails converting the sequence item that declares ISO 2022 IR 13\\ISO 2022 IR 87",
        ["dicomdir_pydicom"] = "dcm2xml -nat: 'Cannot convert Directory Record to Native DICOM Model'",
        ["mr_enh_j2k_tooshort.dcm"] = "DCMTK rejects the file (Sequence Delimitation Item missing)",
    };

    /// <summary>Files the writer refuses (PS3.5 7.1 forbids their groups), so no written copy exists to compare.</summary>
    public static readonly IReadOnlyDictionary<string, string> WriterRefuses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["priv_sq_nested.dcm"] = IllegalGroup,
        ["meta_missing_tsyntax.dcm"] = IllegalGroup,
    };

    private const string Iso2022Ir87 = "DCMTK converts through glibc iconv, which has no ISO 2022 IR 87 (JIS X 0208) converter";

    private const string IllegalGroup = "holds elements in group 0001, which PS3.5 7.1 forbids; DicomWriter refuses to write them (strict out)";

    /// <summary>
    /// Why dcm2json does not convert <paramref name="name"/>, or null when it must: the listed files,
    /// the files our reader rejects (DCMTK rejects them too) and, as a rule, every file with
    /// encapsulated Pixel Data ("JSON InlineBinary encoding not supported for compressed pixel data").
    /// </summary>
    public static string? Dcm2JsonSkip(string name, DicomDataset? dataset)
    {
        if (ReaderRejects.TryGetValue(name, out var reason) || Dcm2JsonCannotConvert.TryGetValue(name, out reason))
        {
            return reason;
        }

        return dataset?[DicomTags.PixelData] is DicomFragmentSequence
            ? "dcm2json 3.6.7: 'JSON InlineBinary encoding not supported for compressed pixel data'"
            : null;
    }

    /// <summary>Why dcm2xml does not convert <paramref name="name"/>, or null when it must.</summary>
    public static string? Dcm2XmlSkip(string name) =>
        ReaderRejects.TryGetValue(name, out var reason) || Dcm2XmlCannotConvert.TryGetValue(name, out reason) ? reason : null;

    /// <summary>Opens a corpus file; a <see cref="DicomException"/> is allowed only for the files in <see cref="ReaderRejects"/>.</summary>
    public static DicomFile? OpenOrExpectRejection(string name)
    {
        try
        {
            var file = DicomFile.Open(CorpusFiles.PathOf(name));
            Assert.False(ReaderRejects.ContainsKey(name), $"{name} is listed as rejected by our reader ({ReaderRejects.GetValueOrDefault(name)}) but was read: update CorpusSkips");
            return file;
        }
        catch (DicomException) when (ReaderRejects.ContainsKey(name))
        {
            return null;
        }
    }

    /// <summary>Fails unless a check skipped exactly the files its table says it skips.</summary>
    public static void AssertSkipIsExpected(string check, string name, string? expectedReason, bool skipped)
    {
        if (skipped && expectedReason is null)
        {
            Assert.Fail($"{check}: {name} was skipped but no entry in CorpusSkips explains why");
        }

        if (!skipped && expectedReason is not null)
        {
            Assert.Fail($"{check}: {name} is listed as skipped ({expectedReason}) but was compared: update CorpusSkips");
        }
    }
}
