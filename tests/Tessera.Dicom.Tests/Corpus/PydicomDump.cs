using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// A pydicom 2.3.1 <c>str(dataset)</c> listing (the corpus's <c>NAME.pydicom.txt</c>) parsed into the
/// same tree shape as <see cref="DcmDump"/>: lines <c>(gggg, eeee) Name  VR: repr(value)</c>, three
/// spaces of indentation per nesting level, a sequence line ending in <c>N item(s) ----</c> and each
/// item closed by a line of dashes. Values are un-repr'd and stored as dcmdump would print them
/// (<c>[a\b]</c>, or <c>(no value available)</c>) so one comparer serves both references.
/// </summary>
internal static partial class PydicomDump
{
    /// <summary>The elements of the data set (File Meta Information is skipped).</summary>
    public static List<DumpElement> Load(string path)
    {
        var root = new List<DumpElement>();
        var lists = new List<List<DumpElement>?> { root };
        var sequences = new List<DumpElement?>();
        var inMeta = false;
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("Dataset.file_meta", StringComparison.Ordinal))
            {
                inMeta = true;
                continue;
            }

            if (inMeta)
            {
                inMeta = !line.StartsWith("---", StringComparison.Ordinal);
                continue;
            }

            if (ItemEndPattern().Match(line) is { Success: true } end)
            {
                var itemDepth = end.Groups["indent"].Length / 3;
                Set(lists, itemDepth, null);
                continue;
            }

            var sequence = SequencePattern().Match(line);
            var element = sequence.Success ? sequence : ElementPattern().Match(line);
            if (!element.Success)
            {
                throw new FormatException($"{path}:{number}: not a pydicom element line: {line}");
            }

            var depth = element.Groups["indent"].Length / 3;
            var tag = new DicomTag(
                ushort.Parse(element.Groups["g"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ushort.Parse(element.Groups["e"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            var list = ListAt(lists, sequences, depth, path, number);
            if (sequence.Success)
            {
                var node = new DumpElement(tag, "SQ", "(Sequence from pydicom)", null, string.Empty, number);
                list.Add(node);
                Set(sequences, depth, node);
                Set(lists, depth + 1, null);
            }
            else
            {
                list.Add(new DumpElement(tag, element.Groups["vr"].Value, AsDumpValue(element.Groups["value"].Value), null, string.Empty, number));
            }
        }

        return root;
    }

    /// <summary>The element list at <paramref name="depth"/>; the first element of an item opens the item.</summary>
    private static List<DumpElement> ListAt(List<List<DumpElement>?> lists, List<DumpElement?> sequences, int depth, string path, int number)
    {
        if (depth < lists.Count && lists[depth] is { } open)
        {
            return open;
        }

        if (depth == 0 || depth - 1 >= sequences.Count || sequences[depth - 1] is not { } parent)
        {
            throw new FormatException($"{path}:{number}: element nested without a sequence");
        }

        var item = new DumpElement(DicomTag.Item, "na", string.Empty, null, string.Empty, number);
        parent.Items.Add(item);
        Set(lists, depth, item.Elements);
        return item.Elements;
    }

    private static void Set<T>(List<T?> list, int index, T? value)
        where T : class
    {
        while (list.Count <= index)
        {
            list.Add(null);
        }

        list[index] = value;
    }

    /// <summary>
    /// pydicom's repval: <c>'text'</c> or <c>"text"</c> (Python repr), <c>[a, b]</c> (person names
    /// unquoted) or <c>['a', 'b']</c> for several values, <c>None</c> or empty for no value,
    /// <c>Array of N elements</c> for long values (not shown: "(not loaded)", as dcmdump says).
    /// </summary>
    private static string AsDumpValue(string text)
    {
        if (text.Length == 0 || text == "None" || text == "''")
        {
            return "(no value available)";
        }

        if (text.StartsWith("Array of ", StringComparison.Ordinal))
        {
            return "(not loaded)";
        }

        var values = new List<string>();
        if (text[0] == '[' && text[^1] == ']')
        {
            var position = 1;
            while (position < text.Length - 1)
            {
                values.Add(ReadValue(text, ref position, listEnd: true));
                if (text.AsSpan(position).StartsWith(", "))
                {
                    position += 2;
                }
            }
        }
        else
        {
            var position = 0;
            values.Add(ReadValue(text, ref position, listEnd: false));
        }

        return "[" + string.Join('\\', values) + "]";
    }

    private static string ReadValue(string text, ref int position, bool listEnd)
    {
        var quote = text[position];
        if (quote is not '\'' and not '"')
        {
            var stop = listEnd ? text.IndexOf(", ", position, StringComparison.Ordinal) : -1;
            if (stop < 0)
            {
                stop = listEnd ? text.Length - 1 : text.Length;
            }

            var bare = text[position..stop];
            position = stop;
            return bare;
        }

        var builder = new StringBuilder();
        position++;
        while (text[position] != quote)
        {
            var c = text[position++];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = text[position++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'x': builder.Append((char)Convert.ToInt32(text.Substring(position, 2), 16)); position += 2; break;
                case 'u': builder.Append((char)Convert.ToInt32(text.Substring(position, 4), 16)); position += 4; break;
                case 'U': builder.Append(char.ConvertFromUtf32(Convert.ToInt32(text.Substring(position, 8), 16))); position += 8; break;
                default: builder.Append(escape); break;
            }
        }

        position++;
        return builder.ToString();
    }

    [GeneratedRegex(@"^(?<indent> *)-{9}$")]
    private static partial Regex ItemEndPattern();

    [GeneratedRegex(@"^(?<indent> *)\((?<g>[0-9a-f]{4}), (?<e>[0-9a-f]{4})\) .* \d+ item\(s\) ---- *$")]
    private static partial Regex SequencePattern();

    [GeneratedRegex(@"^(?<indent> *)\((?<g>[0-9a-f]{4}), (?<e>[0-9a-f]{4})\) .*? (?<vr>[A-Z]{2}): (?<value>.*)$")]
    private static partial Regex ElementPattern();
}
