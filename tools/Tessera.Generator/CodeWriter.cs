using System.Globalization;
using System.Text;

namespace Tessera.Generator;

/// <summary>
/// Builds one generated file: LF line ends and no trailing whitespace whatever the host, so a
/// regeneration on Windows produces the same bytes as on Linux.
/// </summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();

    public CodeWriter(string summary, params string[] usings)
        : this("Tessera.Dicom", summary, usings)
    {
    }

    private CodeWriter(string @namespace, string summary, IReadOnlyList<string> usings)
    {
        Line(DictionaryGenerator.Header);
        Line($"// {summary}");
        Line();
        foreach (var name in usings)
        {
            Line($"using {name};");
        }

        if (usings.Count > 0)
        {
            Line();
        }

        Line($"namespace {@namespace};");
        Line();
    }

    /// <summary>A file in another namespace than the toolkit's, e.g. Tessera.Dimse.Messages.</summary>
    public static CodeWriter InNamespace(string @namespace, string summary, params string[] usings) => new(@namespace, summary, usings);

    public void Line(string text = "")
    {
        _text.Append(text.TrimEnd()).Append('\n');
    }

    public override string ToString() => _text.ToString();

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                < ' ' or > '~' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>Text escaped for an XML doc comment ("Window Center &amp; Width Explanation").</summary>
    public static string Xml(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Hex(uint value) => string.Create(CultureInfo.InvariantCulture, $"0x{value:X8}");

    public static string Hex(ushort value) => string.Create(CultureInfo.InvariantCulture, $"0x{value:X4}");
}
