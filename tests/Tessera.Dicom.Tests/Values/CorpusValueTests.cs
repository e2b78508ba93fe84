using System.Text;
using System.Text.RegularExpressions;
using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

/// <summary>
/// Every DA, TM, DT, PN, AS, DS, IS, UI and AT value in the DCMTK dumps of the corpus
/// (tests/data/corpus/dumps/*.txt) must parse leniently; those that need leniency, and those that
/// are not values at all, are listed here so a change in either shows up.
/// </summary>
public partial class CorpusValueTests
{
    /// <summary>Values that strict PS3.5 parsing rejects but lenient parsing reads: "VR value".</summary>
    private static readonly string[] LenientOnly =
    [
        "AS 22Y", // ct_jpll_bad_sequence: two digits
        "DA 1989.02.03", // ACR-NEMA dotted dates: mr_jpll57_sel1-7, xa_jpll70_12frame, us_rgb_pc0/1, ot_pal_nopreamble, us_rgb_pc1_evrbe
        "DA 1994.10.16",
        "DA 1994.11.05",
        "DA 1996.10.29",
        "DA 1997.04.24",
        "DS 244.13543711" + new string('\0', 21), // rtplan_truncated: the file ends inside the value; zeros pad it past 16 bytes
        "TM 08:30:00", // ACR-NEMA colon times, same files as the dotted dates
        "TM 09:26:18",
        "TM 09:58:19",
        "TM 09:58:46",
        "TM 11:20:00",
        "TM 14:04:38",
        "TM 15:18:59",
        "UI 1.2.123.456.78.9.0123.4567.89012345678901", // rtdose_15frame, rtdose_bad_vr: leading zero in a component
        "UI 999.999.1.19941016.083000", // xa_jpll70_12frame: leading zero
        "UI 999.999.1.19941016.083000.5",
        "UI 999.999.1.19941016.083000.5.104",
    ];

    /// <summary>Values no parsing can read: placeholders and faulty writers.</summary>
    private static readonly string[] Unreadable =
    [
        "DA 00000000", // placeholder date (ct_jpll57_bad and others)
        "IS 1A", // rtdose_bad_vr: deliberately broken
        "UI 05fa52f0e599f17b8186ff18fcdf2b5570a52206a75c4d03afebf5c475dc8758", // ct_jpll_bad_sequence: SHA-256 hex where UIDs belong
        "UI dbf60361338b6cb0d8add6f6ea34276642da945f02b34613f09188618e7d4d7b",
        "UI dccc9599087131742838cc1162a630fea87ba9bf61ac09bfda90d4adfa5ddaed",
    ];

    /// <summary>Occurrences (not distinct values) that read strictly, counted over all plain dumps.</summary>
    private const int StrictCount = 4676;

    [Fact]
    public void Every_value_in_the_corpus_dumps_parses()
    {
        var strict = 0;
        var lenientOnly = new SortedSet<string>(StringComparer.Ordinal);
        var unreadable = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (vr, value) in ReadValues())
        {
            var outcome = Check(vr, value);
            if (outcome == Outcome.Strict)
            {
                strict++;
            }
            else if (outcome == Outcome.Lenient)
            {
                lenientOnly.Add($"{vr} {value}");
            }
            else
            {
                unreadable.Add($"{vr} {value}");
            }
        }

        Assert.Equal(StrictCount, strict);
        Assert.Equal(LenientOnly, lenientOnly);
        Assert.Equal(Unreadable, unreadable);
    }

    private enum Outcome
    {
        Strict,
        Lenient,
        Unreadable,
    }

    private static Outcome Check(string vr, string value)
    {
        foreach (var mode in new[] { DicomParseMode.Strict, DicomParseMode.Lenient })
        {
            var ok = vr switch
            {
                "DA" => DicomDate.TryParse(value, mode, out _),
                "TM" => DicomTime.TryParse(value, mode, out _),
                "DT" => DicomDateTime.TryParse(value, mode, out _),
                "PN" => DicomPersonName.TryParse(value, mode, out _),
                "AS" => DicomAge.TryParse(value, mode, out _),
                "DS" => DicomDecimalString.TryParse(value, mode, out double _),
                "IS" => DicomIntegerString.TryParse(value, mode, out int _),
                "UI" => DicomUid.IsValid(value, mode),
                "AT" => DicomTag.TryParse(value, out _),
                _ => throw new InvalidOperationException(vr),
            };
            if (ok)
            {
                return mode == DicomParseMode.Strict ? Outcome.Strict : Outcome.Lenient;
            }
        }

        return Outcome.Unreadable;
    }

    /// <summary>
    /// The values of the elements of interest in the plain dcmdump dumps (not the +U8 or pydicom
    /// views), read as Latin-1 so every byte maps to one character. Multiple values are split at '\';
    /// a list the corpus build shortened ("...") loses its last, cut value.
    /// </summary>
    private static IEnumerable<(string VR, string Value)> ReadValues()
    {
        var directory = Path.Combine(FindCorpus(), "dumps");
        foreach (var path in Directory.EnumerateFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".utf8.txt", StringComparison.Ordinal) || path.EndsWith(".pydicom.txt", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path, Encoding.Latin1))
            {
                var match = DumpLine().Match(line);
                if (!match.Success)
                {
                    continue;
                }

                var vr = match.Groups["vr"].Value;
                var text = match.Groups["value"].Value;
                if (text == "(no value available)")
                {
                    continue;
                }

                if (vr != "AT")
                {
                    if (!text.StartsWith('[') || !text.EndsWith(']'))
                    {
                        continue;
                    }

                    text = text[1..^1];
                }

                var values = text.Split('\\');
                if (values[^1].EndsWith("...", StringComparison.Ordinal))
                {
                    values = values[..^1];
                }

                foreach (var value in values)
                {
                    // Empty values of a multi-valued element are absent values, not malformed ones.
                    if (value.Length > 0)
                    {
                        yield return (vr, value);
                    }
                }
            }
        }
    }

    private static string FindCorpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "data", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/corpus not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*\([0-9a-fA-F]{4},[0-9a-fA-F]{4}\) (?<vr>DA|TM|DT|PN|AS|DS|IS|UI|AT) (?<value>.*?)\s+#\s*\d+,\s*\d+\s+\S+\s*$")]
    private static partial Regex DumpLine();
}
