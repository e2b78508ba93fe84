namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// Walks a decoded reference tree (dcmdump <c>+U8</c> or pydicom) alongside a data set we read and
/// compares every value of the VRs that Specific Character Set affects (PS3.5 6.1.2.3: SH, LO, ST,
/// LT, PN, UC, UT), as the public API returns it (<see cref="DicomDataset.GetString"/> /
/// <see cref="DicomDataset.GetStrings"/>, decoded with the character set in force in that item).
/// </summary>
internal sealed class DecodedTextComparer(string source)
{
    /// <summary>"path VR: ours [..], reference [..]" for every value that differs or is missing.</summary>
    public List<string> Mismatches { get; } = [];

    public int Compared { get; private set; }

    public int Matched { get; private set; }

    /// <summary>Matching values with a character outside ASCII: proof the charset decoding was exercised.</summary>
    public int MatchedNonAscii { get; private set; }

    public void Compare(IReadOnlyList<DumpElement> reference, DicomDataset dataset, string path)
    {
        foreach (var node in reference)
        {
            var where = $"{path}{node.Tag}";
            if (node.IsSequence)
            {
                if (dataset[node.Tag] is DicomSequence sequence && sequence.Items.Count == node.Items.Count)
                {
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        Compare(node.Items[i].Elements, sequence.Items[i], $"{where}[{i}].");
                    }
                }
                else if (ContainsText(node))
                {
                    Mismatches.Add($"{where}: sequence with {node.Items.Count} items in the {source} reference, read {dataset[node.Tag]?.ToString() ?? "nothing"}");
                }

                continue;
            }

            if (!DicomVRExtensions.TryParse(node.VR, out var vr) || !vr.IsAffectedBySpecificCharacterSet() || node.Value == "(not loaded)")
            {
                continue;
            }

            Compared++;
            var expected = Expected(node.Value, vr);
            if (!dataset.TryGetElement(node.Tag, out var element) || element is not DicomValueElement)
            {
                Mismatches.Add($"{where} {node.VR}: in the {source} reference (line {node.Line}) [{expected}] but not read");
                continue;
            }

            string actual;
            if (element.VR == vr)
            {
                actual = Actual(dataset, node.Tag, vr);
            }
            else if (element.VR == DicomVR.UN && element is DicomValueElement unknown)
            {
                // No VR to decode with through the API (a private element of an implicit VR file, which
                // the reference types from its private dictionary): still check the bytes, decoded as
                // the reference's VR with the character set in force, and report the VR difference.
                actual = Lines(Trim(dataset.CharacterSet.Decode(unknown.Value.Load().Span, vr), vr));
                var same = string.Equals(expected, actual, StringComparison.Ordinal);
                Mismatches.Add($"{where}: VR UN, {source} {node.VR}; " + (same ? $"value decoded as {node.VR} equal" : $"value decoded as {node.VR} [{actual}], {source} [{expected}]"));
                continue;
            }
            else
            {
                Mismatches.Add($"{where}: VR {element.VR.Code()}, {source} {node.VR}");
                continue;
            }

            if (string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Matched++;
                MatchedNonAscii += actual.Any(c => c > 0x7F) ? 1 : 0;
            }
            else
            {
                Mismatches.Add($"{where} {node.VR}: read [{actual}], {source} [{expected}]");
            }
        }
    }

    private static bool ContainsText(DumpElement sequence) =>
        sequence.Items.Any(item => item.Elements.Any(e =>
            (DicomVRExtensions.TryParse(e.VR, out var vr) && vr.IsAffectedBySpecificCharacterSet()) || (e.IsSequence && ContainsText(e))));

    /// <summary>The reference value in our API's form: values trimmed as PS3.5 6.2 allows, line breaks as \n.</summary>
    private string Expected(string value, DicomVR vr)
    {
        if (value == "(no value available)")
        {
            return string.Empty;
        }

        return Trim(Lines(value[1..^1]), vr);
    }

    private static string Trim(string text, DicomVR vr) =>
        vr.IsSingleValuedText()
            ? text.TrimEnd(' ', '\0')
            : string.Join('\\', text.Split('\\').Select(v => v.Trim(' ', '\0')));

    private string Actual(DicomDataset dataset, DicomTag tag, DicomVR vr)
    {
        var values = vr.IsSingleValuedText() ? [dataset.GetString(tag) ?? string.Empty] : dataset.GetStrings(tag);
        if (source == "pydicom" && vr == DicomVR.PN)
        {
            // pydicom prints a person name without its trailing empty component groups ("A^B==" as "A^B").
            values = [.. values.Select(v => v.TrimEnd('='))];
        }

        return Lines(string.Join('\\', values));
    }

    /// <summary>dcmdump prints a value with line breaks over several lines, which the dump parser joins with \n.</summary>
    private string Lines(string text) =>
        source == "pydicom" ? text : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
