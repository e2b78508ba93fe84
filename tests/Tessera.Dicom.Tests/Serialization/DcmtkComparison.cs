using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Tessera.Dicom.Tests.Serialization;

/// <summary>
/// Runs DCMTK's dcm2json / dcm2xml and compares their output with ours semantically: same
/// attributes, VRs and values; numbers numerically, base64 as the decoded bytes. Each difference
/// is a line "path: what"; the tests decide which are known and why.
/// </summary>
internal static class DcmtkComparison
{
    public static bool IsInstalled(string tool) => File.Exists(Path.Combine("/usr/bin", tool));

    /// <summary>Runs a DCMTK tool; null when it fails (DCMTK cannot convert the file).</summary>
    public static byte[]? Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine("/usr/bin", tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        _ = stderr.Result;
        return process.ExitCode == 0 ? output.ToArray() : null;
    }

    public static List<string> CompareJson(JsonElement ours, JsonElement theirs)
    {
        var differences = new List<string>();
        CompareJsonDataset(ours, theirs, string.Empty, differences);
        return differences;
    }

    private static void CompareJsonDataset(JsonElement ours, JsonElement theirs, string path, List<string> differences)
    {
        var ourNames = ours.EnumerateObject().Select(p => p.Name).ToHashSet();
        var theirNames = theirs.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var name in theirNames.Except(ourNames))
        {
            differences.Add($"{path}{name}: only in DCMTK");
        }

        foreach (var name in ourNames.Except(theirNames))
        {
            differences.Add($"{path}{name}: only in ours");
        }

        foreach (var name in ourNames.Intersect(theirNames).Order(StringComparer.Ordinal))
        {
            var a = ours.GetProperty(name);
            var b = theirs.GetProperty(name);
            var where = path + name;
            var vr = a.GetProperty("vr").GetString();
            if (vr != b.GetProperty("vr").GetString())
            {
                differences.Add($"{where}: vr {vr} vs DCMTK {b.GetProperty("vr").GetString()}");
                continue;
            }

            var aHasValue = a.TryGetProperty("Value", out var aValue);
            var bHasValue = b.TryGetProperty("Value", out var bValue);
            var aHasBinary = a.TryGetProperty("InlineBinary", out var aBinary);
            var bHasBinary = b.TryGetProperty("InlineBinary", out var bBinary);
            if (aHasBinary || bHasBinary)
            {
                var aBytes = aHasBinary ? aBinary.GetBytesFromBase64() : [];
                var bBytes = bHasBinary ? bBinary.GetBytesFromBase64() : [];
                if (!aBytes.AsSpan().SequenceEqual(bBytes))
                {
                    differences.Add($"{where} {vr}: InlineBinary of {aBytes.Length} bytes vs DCMTK {bBytes.Length} bytes");
                }

                continue;
            }

            if (aHasValue != bHasValue)
            {
                differences.Add($"{where} {vr}: Value {(aHasValue ? "only in ours" : "only in DCMTK")}");
                continue;
            }

            if (!aHasValue)
            {
                continue;
            }

            if (aValue.GetArrayLength() != bValue.GetArrayLength())
            {
                differences.Add($"{where} {vr}: {aValue.GetArrayLength()} values vs DCMTK {bValue.GetArrayLength()}");
                continue;
            }

            for (var i = 0; i < aValue.GetArrayLength(); i++)
            {
                var x = aValue[i];
                var y = bValue[i];
                if (vr == "SQ")
                {
                    CompareJsonDataset(x, y, $"{where}[{i}].", differences);
                }
                else if (!SameJsonValue(x, y))
                {
                    differences.Add($"{where}[{i}] {vr}: {Raw(x)} vs DCMTK {Raw(y)}");
                }
            }
        }
    }

    private static string Raw(JsonElement value)
    {
        try
        {
            return value.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return "<not UTF-8>";
        }
    }

    private static bool SameJsonValue(JsonElement x, JsonElement y)
    {
        try
        {
            return SameJsonValueOrThrow(x, y);
        }
        catch (InvalidOperationException)
        {
            // Text that is not UTF-8 (DCMTK, see the interop tests) equals nothing.
            return false;
        }
    }

    private static bool SameJsonValueOrThrow(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var xs = x.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            var ys = y.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            return xs.Count == ys.Count && xs.All(p => ys.TryGetValue(p.Key, out var v) && v == p.Value);
        }

        var xt = x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText();
        var yt = y.ValueKind == JsonValueKind.String ? y.GetString() : y.GetRawText();
        return SameText(xt, yt);
    }

    /// <summary>Equal text, or equal numbers (80.0000 and 80; 0.1 written with more or fewer digits).</summary>
    public static bool SameText(string? x, string? y)
    {
        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return true;
        }

        if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a == b || Math.Abs(a - b) <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b));
        }

        return false;
    }

    public static List<string> CompareXml(XElement ours, XElement theirs)
    {
        var differences = new List<string>();
        CompareXmlDataset(ours, theirs, string.Empty, differences);
        return differences;
    }

    private static string Key(XElement attribute) =>
        (string)attribute.Attribute("tag")! + ((string?)attribute.Attribute("privateCreator") is { } creator ? "@" + creator : string.Empty);

    private static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    private static void CompareXmlDataset(XElement ours, XElement theirs, string path, List<string> differences)
    {
        var a = Children(ours, "DicomAttribute").ToDictionary(Key);
        var b = Children(theirs, "DicomAttribute").GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        foreach (var key in b.Keys.Except(a.Keys))
        {
            differences.Add($"{path}{key}: only in DCMTK");
        }

        foreach (var key in a.Keys.Except(b.Keys))
        {
            differences.Add($"{path}{key}: only in ours");
        }

        foreach (var key in a.Keys.Intersect(b.Keys).Order(StringComparer.Ordinal))
        {
            var x = a[key];
            var y = b[key];
            var where = path + key;
            var vr = (string?)x.Attribute("vr");
            if (vr != (string?)y.Attribute("vr"))
            {
                differences.Add($"{where}: vr {vr} vs DCMTK {(string?)y.Attribute("vr")}");
                continue;
            }

            if ((string?)x.Attribute("keyword") is { } keyword && (string?)y.Attribute("keyword") is { } theirKeyword && keyword != theirKeyword)
            {
                differences.Add($"{where}: keyword {keyword} vs DCMTK {theirKeyword}");
            }

            if (vr == "SQ")
            {
                var xi = Children(x, "Item").ToList();
                var yi = Children(y, "Item").ToList();
                if (xi.Count != yi.Count)
                {
                    differences.Add($"{where}: {xi.Count} items vs DCMTK {yi.Count}");
                    continue;
                }

                for (var i = 0; i < xi.Count; i++)
                {
                    CompareXmlDataset(xi[i], yi[i], $"{where}[{i}].", differences);
                }

                continue;
            }

            var xb = Children(x, "InlineBinary").SingleOrDefault();
            var yb = Children(y, "InlineBinary").SingleOrDefault();
            if (xb is not null || yb is not null)
            {
                var xBytes = Convert.FromBase64String(xb?.Value ?? string.Empty);
                var yBytes = Convert.FromBase64String(yb?.Value ?? string.Empty);
                if (!xBytes.AsSpan().SequenceEqual(yBytes))
                {
                    differences.Add(Swapped(xBytes, yBytes, vr) is { } unit
                        ? $"{where} {vr}: InlineBinary byte order swapped in units of {unit}"
                        : $"{where} {vr}: InlineBinary of {xBytes.Length} bytes vs DCMTK {yBytes.Length} bytes");
                }

                continue;
            }

            var xv = Values(x);
            var yv = Values(y);
            if (xv.Count != yv.Count || xv.Zip(yv).Any(p => !SameText(p.First, p.Second)))
            {
                differences.Add($"{where} {vr}: [{string.Join("|", xv)}] vs DCMTK [{string.Join("|", yv)}]");
            }
        }
    }

    /// <summary>The unit (2, 4 or 8) in which the two byte arrays are each other byte-swapped, or null.</summary>
    private static int? Swapped(byte[] ours, byte[] theirs, string? vr)
    {
        var unit = vr switch { "OW" => 2, "OF" or "OL" => 4, "OD" or "OV" => 8, _ => 0 };
        if (unit == 0 || ours.Length != theirs.Length || ours.Length % unit != 0)
        {
            return null;
        }

        for (var i = 0; i < ours.Length; i += unit)
        {
            for (var j = 0; j < unit; j++)
            {
                if (ours[i + j] != theirs[i + unit - 1 - j])
                {
                    return null;
                }
            }
        }

        return unit;
    }

    /// <summary>Value texts, and person names flattened to "group:component=text" lists, by number; trailing empties dropped.</summary>
    private static List<string> Values(XElement attribute)
    {
        var values = new SortedDictionary<int, string>();
        foreach (var value in attribute.Elements().Where(e => e.Name.LocalName is "Value" or "PersonName"))
        {
            var number = int.Parse((string)value.Attribute("number")!, CultureInfo.InvariantCulture);
            values[number] = value.Name.LocalName == "Value"
                ? value.Value
                : string.Join(";", value.Descendants().Where(d => !d.HasElements && d.Value.Length > 0)
                    .Select(d => $"{d.Parent!.Name.LocalName}:{d.Name.LocalName}={d.Value}"));
        }

        var list = new List<string>();
        for (var i = 1; values.Count > 0 && i <= values.Keys.Max(); i++)
        {
            list.Add(values.TryGetValue(i, out var v) ? v : string.Empty);
        }

        while (list.Count > 0 && list[^1].Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }

        return list;
    }
}
