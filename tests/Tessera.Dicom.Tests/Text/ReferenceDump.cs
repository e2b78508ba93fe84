using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Dicom.Tests.Text;

/// <summary>
/// Decoded string values from the corpus reference dumps: <c>NAME.utf8.txt</c> (DCMTK dcmdump +U8)
/// or, where DCMTK cannot convert (Japanese, Korean), <c>NAME.pydicom.txt</c>. Values of each tag
/// are listed in file order, depth first, multiple values joined by backslash.
/// </summary>
public sealed partial class ReferenceDump
{
    private readonly Dictionary<DicomTag, List<string>> _values;

    private ReferenceDump(string source, Dictionary<DicomTag, List<string>> values)
    {
        Source = source;
        _values = values;
    }

    /// <summary>"dcmdump" or "pydicom".</summary>
    public string Source { get; }

    public static ReferenceDump Load(string dumpsDirectory, string fileName)
    {
        var utf8 = Path.Combine(dumpsDirectory, fileName + ".utf8.txt");
        if (File.Exists(utf8))
        {
            return new ReferenceDump("dcmdump", Parse(utf8, DcmdumpLine(), static m => m.Groups["value"].Value));
        }

        var pydicom = Path.Combine(dumpsDirectory, fileName + ".pydicom.txt");
        return new ReferenceDump("pydicom", Parse(pydicom, PydicomLine(), static m => PydicomValue(m.Groups["value"].Value)));
    }

    /// <summary>The <paramref name="occurrence"/>-th value of <paramref name="tag"/> in the dump, or null.</summary>
    public string? Value(DicomTag tag, int occurrence) =>
        _values.TryGetValue(tag, out var list) && occurrence < list.Count ? list[occurrence] : null;

    private static Dictionary<DicomTag, List<string>> Parse(string path, Regex line, Func<Match, string> value)
    {
        var values = new Dictionary<DicomTag, List<string>>();
        foreach (var text in File.ReadLines(path, Encoding.UTF8))
        {
            var match = line.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var tag = new DicomTag(Convert.ToUInt16(match.Groups["group"].Value, 16), Convert.ToUInt16(match.Groups["element"].Value, 16));
            if (!values.TryGetValue(tag, out var list))
            {
                values[tag] = list = [];
            }

            list.Add(value(match));
        }

        return values;
    }

    private static string PydicomValue(string text)
    {
        // str(dataset): 'text' for one value, ['a', 'b'] or [a, b] (PN) for several, None for empty.
        if (text == "None")
        {
            return string.Empty;
        }

        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return string.Join('\\', text[1..^1].Split(", ").Select(Unquote));
        }

        return Unquote(text);
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '\'' or '"' && text[^1] == text[0]
            ? text[1..^1].Replace("\\\\", "\\", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal)
            : text;

    [GeneratedRegex(@"^\s*\((?<group>[0-9a-f]{4}),(?<element>[0-9a-f]{4})\) (?<vr>[A-Z]{2}) \[(?<value>.*)\]\s+#")]
    private static partial Regex DcmdumpLine();

    [GeneratedRegex(@"^\s*\((?<group>[0-9a-f]{4}), (?<element>[0-9a-f]{4})\) .*? (?<vr>[A-Z]{2}): (?<value>.*)$")]
    private static partial Regex PydicomLine();
}
