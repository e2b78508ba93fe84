using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Dicom.Tests.Corpus;

/// <summary>
/// A DCMTK <c>dcmdump</c> listing parsed back into a tree: the reference our reader is compared
/// with. Lines look like <c>(gggg,eeee) VR value # len, vm Keyword</c>, two spaces of indentation
/// per nesting level; items are <c>(fffe,e000) na ...</c> (sequence items) or <c>pi</c> (pixel
/// items). Read as Latin-1 so that every byte of a non-UTF-8 value survives as one char.
/// </summary>
internal sealed partial class DcmDump
{
    public List<DumpElement> Meta { get; } = [];

    public List<DumpElement> Dataset { get; } = [];

    public int Exit { get; private set; }

    public string DatasetTransferSyntax { get; private set; } = string.Empty;

    /// <summary>Parses a listing; <paramref name="encoding"/> is UTF-8 for the <c>+U8</c> dumps, Latin-1 (raw bytes) otherwise.</summary>
    public static DcmDump Load(string path, Encoding? encoding = null)
    {
        var dump = new DcmDump();
        var section = (List<DumpElement>?)null;
        var lists = new List<List<DumpElement>>();
        var lastAtDepth = new List<DumpElement?>();
        var number = 0;
        string? pending = null;
        foreach (var raw in File.ReadLines(path, encoding ?? Encoding.Latin1))
        {
            number++;
            if (pending is null && raw.TrimStart().StartsWith('#') && raw.StartsWith(' '))
            {
                // DICOMDIR record offsets ("  #  offset=$396") are comments inside the tree.
                continue;
            }

            var line = pending is null ? raw : pending + "\n" + raw;
            pending = null;
            if (line.StartsWith('#'))
            {
                if (ExitPattern().Match(line) is { Success: true } exit)
                {
                    dump.Exit = int.Parse(exit.Groups[1].Value, CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("# Dicom-Meta-Information-Header", StringComparison.Ordinal))
                {
                    section = dump.Meta;
                    lists = [section];
                    lastAtDepth = [];
                }
                else if (line.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal))
                {
                    section = dump.Dataset;
                    lists = [section];
                    lastAtDepth = [];
                }
                else if (section == dump.Dataset && line.StartsWith("# Used TransferSyntax: ", StringComparison.Ordinal))
                {
                    dump.DatasetTransferSyntax = line["# Used TransferSyntax: ".Length..];
                }

                continue;
            }

            if (section is null || line.Length == 0)
            {
                continue;
            }

            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                // A text value with line breaks continues on the next lines.
                if (ContinuationPattern().IsMatch(line))
                {
                    pending = line;
                    continue;
                }

                throw new FormatException($"{path}:{number}: not a dcmdump element line: {line}");
            }

            var depth = match.Groups["indent"].Length / 2;
            var tag = new DicomTag(
                ushort.Parse(match.Groups["g"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ushort.Parse(match.Groups["e"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            var lengthText = match.Groups["len"].Value;
            long? length = lengthText == "u/l" ? null : long.Parse(lengthText, CultureInfo.InvariantCulture);
            var node = new DumpElement(tag, match.Groups["vr"].Value, match.Groups["value"].Value.TrimEnd(), length, match.Groups["kw"].Value, number);
            if (tag == DicomTag.ItemDelimitationItem || tag == DicomTag.SequenceDelimitationItem)
            {
                continue;
            }

            if (tag == DicomTag.Item)
            {
                var parent = depth >= 1 && depth - 1 < lastAtDepth.Count ? lastAtDepth[depth - 1] : null;
                if (parent is null)
                {
                    throw new FormatException($"{path}:{number}: item without a parent element");
                }

                parent.Items.Add(node);
                SetAt(lists, depth + 1, node.Elements);
                continue;
            }

            if (depth >= lists.Count)
            {
                throw new FormatException($"{path}:{number}: element nested deeper than its item");
            }

            lists[depth].Add(node);
            while (lastAtDepth.Count <= depth)
            {
                lastAtDepth.Add(null);
            }

            lastAtDepth[depth] = node;
        }

        return dump;
    }

    private static void SetAt(List<List<DumpElement>> lists, int depth, List<DumpElement> list)
    {
        while (lists.Count <= depth)
        {
            lists.Add([]);
        }

        lists[depth] = list;
    }

    [GeneratedRegex(@"^ *\([0-9a-f]{4},[0-9a-f]{4}\) \S\S \[")]
    private static partial Regex ContinuationPattern();

    [GeneratedRegex(@"exit=(\d+)")]
    private static partial Regex ExitPattern();

    [GeneratedRegex(@"^(?<indent> *)\((?<g>[0-9a-f]{4}),(?<e>[0-9a-f]{4})\) (?<vr>\S\S) (?<value>.*)# *(?<len>\d+|u/l), *(?<vm>\d+) (?<kw>.*)$", RegexOptions.Singleline)]
    private static partial Regex LinePattern();
}
