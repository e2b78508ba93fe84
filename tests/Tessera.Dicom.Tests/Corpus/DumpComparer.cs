using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// Compares a data set we read with the dcmdump tree: same elements (tags, nesting), VRs and values.
/// Strings are compared as bytes decoded as Latin-1 (dcmdump prints raw bytes, we read the dump as
/// Latin-1), numbers numerically, binary values on the prefix dcmdump shows.
/// </summary>
internal sealed class DumpComparer
{
    /// <summary>Differences that fail the test unless the file's expected-difference table names them.</summary>
    public List<string> Differences { get; } = [];

    /// <summary>Differences that are accepted by rule (with the reason), listed in the test output.</summary>
    public List<string> Accepted { get; } = [];

    public void CompareDataset(IReadOnlyList<DumpElement> expected, DicomDataset actual, string path)
    {
        var expectedTags = new HashSet<DicomTag>();
        foreach (var node in expected)
        {
            expectedTags.Add(node.Tag);
            var where = $"{path}{node.Tag}";
            if (!actual.TryGetElement(node.Tag, out var element))
            {
                Differences.Add($"{where}: in the dump (line {node.Line}) but not read");
                continue;
            }

            CompareElement(node, element, where);
        }

        foreach (var element in actual)
        {
            if (!expectedTags.Contains(element.Tag))
            {
                Differences.Add($"{path}{element.Tag}: read but not in the dump");
            }
        }
    }

    private void CompareElement(DumpElement node, DicomElement element, string where)
    {
        if (node.IsSequence)
        {
            if (element is not DicomSequence sequence)
            {
                Differences.Add($"{where}: dump has a sequence, read {element}");
                return;
            }

            if (sequence.Items.Count != node.Items.Count)
            {
                Differences.Add($"{where}: {node.Items.Count} items in the dump, {sequence.Items.Count} read");
                return;
            }

            for (var i = 0; i < node.Items.Count; i++)
            {
                CompareDataset(node.Items[i].Elements, sequence.Items[i], $"{where}[{i}]");
            }

            return;
        }

        if (node.IsPixelSequence)
        {
            if (element is not DicomFragmentSequence fragments)
            {
                Differences.Add($"{where}: dump has encapsulated pixel data, read {element}");
                return;
            }

            CheckVR(node, element, where);
            if (node.Items.Count != fragments.Fragments.Count + 1)
            {
                Differences.Add($"{where}: {node.Items.Count} pixel items in the dump, read offset table + {fragments.Fragments.Count} fragments");
                return;
            }

            for (var i = 0; i < node.Items.Count; i++)
            {
                var value = i == 0 ? fragments.BasicOffsetTable : fragments.Fragments[i - 1];
                CompareValue(node.Items[i], "pi", value, $"{where} item {i}");
            }

            return;
        }

        if (element is not DicomValueElement valueElement)
        {
            Differences.Add($"{where}: dump has a {node.VR} value, read {element}");
            return;
        }

        var dumpVR = CheckVR(node, element, where);
        CompareValue(node, dumpVR, valueElement.Value, where);
    }

    /// <summary>Checks the VR; returns the VR to interpret our bytes with (dcmdump's, when a difference is accepted).</summary>
    private string CheckVR(DumpElement node, DicomElement element, string where)
    {
        var ours = element.VR.Code();
        var dump = node.VR;
        var same = dump switch
        {
            "??" => ours == "UN",
            "xs" => ours is "US" or "SS",
            "up" => ours == "UL",
            "ox" => ours is "OB" or "OW",
            "lt" => ours is "US" or "SS" or "OW",
            _ => ours == dump,
        };
        if (same)
        {
            return dump == "xs" || dump == "ox" || dump == "lt" ? ours : dump;
        }

        if (ours == "UN" && element.Tag.IsPrivate)
        {
            // Implicit VR: DCMTK knows many private tags from its private dictionary; we keep UN
            // (no private dictionary in the toolkit). Values are still compared, as dcmdump's VR.
            Accepted.Add($"{where}: VR UN, dcmdump {dump} from its private dictionary");
            return dump;
        }

        Differences.Add($"{where}: VR {ours}, dump {dump}");
        return dump;
    }

    private void CompareValue(DumpElement node, string vr, DicomValue value, string where)
    {
        if (node.Length is { } length && length != value.Length)
        {
            Differences.Add($"{where}: length {value.Length}, dump {length}");
            return;
        }

        var text = node.Value;
        if (text == "(not loaded)")
        {
            return;
        }

        var bytes = value.Load().Span;
        if (text == "(no value available)")
        {
            if (bytes.Length != 0 && Encoding.Latin1.GetString(bytes).Trim(' ', '\0').Length != 0)
            {
                Differences.Add($"{where}: dump has no value, read {bytes.Length} bytes");
            }

            return;
        }

        var problem = vr switch
        {
            "OB" or "UN" or "??" or "pi" => CompareHex(text, bytes, 1),
            "OW" => CompareHex(text, bytes, 2),
            "US" or "SS" or "UL" or "up" or "SL" or "FL" or "FD" or "SV" or "UV" or "OF" or "OD" or "OL" or "OV" => CompareNumbers(text, bytes, vr),
            "AT" => CompareTags(text, bytes),
            _ => CompareString(text, bytes, vr),
        };
        if (problem is not null)
        {
            Differences.Add($"{where} {vr}: {problem}");
        }
    }

    private static string? CompareString(string text, ReadOnlySpan<byte> bytes, string vr)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return $"dump value {text} is not a bracketed string";
        }

        var expected = text[1..^1];
        var ours = Encoding.Latin1.GetString(bytes).TrimEnd(' ', '\0');

        // The dump was split into lines; compare line breaks as \n whatever they were.
        ours = ours.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (vr == "UI")
        {
            // DCMTK removes spaces from UIDs while reading (it warns); we keep the value as read.
            ours = ours.Replace(" ", string.Empty, StringComparison.Ordinal);
            expected = expected.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        return string.Equals(ours, expected, StringComparison.Ordinal) ? null : $"read [{ours}], dump [{expected}]";
    }

    private static string? CompareHex(string text, ReadOnlySpan<byte> bytes, int unit)
    {
        var builder = new StringBuilder();
        for (var i = 0; i + unit <= bytes.Length; i += unit)
        {
            if (builder.Length > 0)
            {
                builder.Append('\\');
            }

            if (unit == 1)
            {
                builder.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]).ToString("x4", CultureInfo.InvariantCulture));
            }

            if (builder.Length > text.Length + 8)
            {
                break;
            }
        }

        var ours = builder.ToString();
        if (text.EndsWith("...", StringComparison.Ordinal))
        {
            return ours.StartsWith(text[..^3], StringComparison.Ordinal) ? null : $"read {Short(ours)}, dump {text}";
        }

        return string.Equals(ours, text, StringComparison.Ordinal) ? null : $"read {Short(ours)}, dump {text}";
    }

    private static string? CompareNumbers(string text, ReadOnlySpan<byte> bytes, string vr)
    {
        var shortened = text.EndsWith("...", StringComparison.Ordinal);
        var tokens = (shortened ? text[..^3] : text).Split('\\');
        if (shortened)
        {
            tokens = tokens[..^1];
        }

        var size = vr switch
        {
            "US" or "SS" => 2,
            "FD" or "OD" or "SV" or "UV" or "OV" => 8,
            _ => 4,
        };
        var count = bytes.Length / size;
        if (!shortened && tokens.Length != count)
        {
            return $"{count} values read, dump has {tokens.Length}: {text}";
        }

        for (var i = 0; i < tokens.Length && i < count; i++)
        {
            var slice = bytes.Slice(i * size, size);
            var token = tokens[i];
            bool equal = vr switch
            {
                "US" => BinaryPrimitives.ReadUInt16LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "SS" => BinaryPrimitives.ReadInt16LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "UL" or "up" or "OL" => BinaryPrimitives.ReadUInt32LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "SL" => BinaryPrimitives.ReadInt32LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "SV" => BinaryPrimitives.ReadInt64LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "UV" or "OV" => BinaryPrimitives.ReadUInt64LittleEndian(slice).ToString(CultureInfo.InvariantCulture) == token,
                "FL" or "OF" => FloatEquals(BinaryPrimitives.ReadSingleLittleEndian(slice), token),
                _ => DoubleEquals(BinaryPrimitives.ReadDoubleLittleEndian(slice), token),
            };
            if (!equal)
            {
                return $"value {i} differs: dump {token}";
            }
        }

        return null;
    }

    private static bool FloatEquals(float ours, string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? (float)parsed == ours || (float.IsNaN(ours) && double.IsNaN(parsed)) || Math.Abs(parsed - ours) <= 1e-6 * Math.Abs(parsed)
            : string.Equals(token, ours.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);

    private static bool DoubleEquals(double ours, string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed == ours || (double.IsNaN(ours) && double.IsNaN(parsed)) || Math.Abs(parsed - ours) <= 1e-14 * Math.Abs(parsed)
            : string.Equals(token, ours.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);

    private static string? CompareTags(string text, ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        for (var i = 0; i + 4 <= bytes.Length; i += 4)
        {
            if (builder.Length > 0)
            {
                builder.Append('\\');
            }

            var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 2)..]));
            builder.Append(tag.ToString().ToLowerInvariant());
        }

        return string.Equals(builder.ToString(), text, StringComparison.Ordinal) ? null : $"read {builder}, dump {text}";
    }

    private static string Short(string text) => text.Length > 90 ? text[..90] + "..." : text;
}
