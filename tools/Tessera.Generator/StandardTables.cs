using System.Globalization;

namespace Tessera.Generator;

/// <summary>The three input tables, read and checked against each other.</summary>
public sealed class StandardTables
{
    /// <summary>The VR codes of PS3.5 Table 6.2-1; a code outside this set in elements.tsv is an input error.</summary>
    private static readonly HashSet<string> KnownVRs = new(StringComparer.Ordinal)
    {
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    };

    /// <summary>
    /// uids.tsv's free-text types mapped to DicomUidType members. "DICOM UIDs as a Coding Scheme"
    /// (1.2.840.10008.2.6.1, designator DCMUID) is a coding scheme like the others of that type.
    /// </summary>
    private static readonly Dictionary<string, string> UidTypes = new(StringComparer.Ordinal)
    {
        ["Transfer Syntax"] = "TransferSyntax",
        ["SOP Class"] = "SOPClass",
        ["Meta SOP Class"] = "MetaSOPClass",
        ["Well-known SOP Instance"] = "WellKnownSOPInstance",
        ["Well-known frame of reference"] = "WellKnownFrameOfReference",
        ["Synchronization Frame of Reference"] = "SynchronizationFrameOfReference",
        ["Coding Scheme"] = "CodingScheme",
        ["DICOM UIDs as a Coding Scheme"] = "CodingScheme",
        ["Application Context Name"] = "ApplicationContextName",
        ["Service Class"] = "ServiceClass",
        ["LDAP OID"] = "LDAPOID",
        ["Application Hosting Model"] = "ApplicationHostingModel",
        ["Mapping Resource"] = "MappingResource",
    };

    private StandardTables(IReadOnlyList<ElementRow> elements, IReadOnlyList<UidRow> uids, IReadOnlyList<TransferSyntaxRow> transferSyntaxes)
    {
        Elements = elements;
        Uids = uids;
        TransferSyntaxes = transferSyntaxes;
    }

    /// <summary>Sorted by (value, mask): the order of elements.tsv, made explicit so output never depends on input order.</summary>
    public IReadOnlyList<ElementRow> Elements { get; }

    /// <summary>In uids.tsv order (numeric by UID component), which is stable.</summary>
    public IReadOnlyList<UidRow> Uids { get; }

    public IReadOnlyList<TransferSyntaxRow> TransferSyntaxes { get; }

    public static StandardTables Read(string standardDirectory)
    {
        var elements = ReadElements(Path.Combine(standardDirectory, "elements.tsv"));
        var uids = ReadUids(Path.Combine(standardDirectory, "uids.tsv"));
        var transferSyntaxes = ReadTransferSyntaxes(Path.Combine(standardDirectory, "transfer-syntax-properties.tsv"), uids);
        return new StandardTables(elements, uids, transferSyntaxes);
    }

    private static List<ElementRow> ReadElements(string path)
    {
        var table = TsvTable.Read(path);
        int tag = table.Column("tag"), value = table.Column("value"), mask = table.Column("mask"), vr = table.Column("vr"),
            vm = table.Column("vm"), keyword = table.Column("keyword"), name = table.Column("name"), retired = table.Column("retired");
        var rows = new List<ElementRow>();
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        var tags = new HashSet<(uint, uint)>();
        foreach (var f in table.Rows)
        {
            var vrs = f[vr] == "NONE" ? [] : f[vr].Split(" or ");
            foreach (var code in vrs)
            {
                if (!KnownVRs.Contains(code))
                {
                    throw new InvalidDataException($"{path}: {f[tag]} has unknown VR '{code}'");
                }
            }

            var row = new ElementRow(
                f[tag],
                uint.Parse(f[value], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                uint.Parse(f[mask], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                f[vr],
                vrs,
                f[vm],
                f[keyword],
                f[name],
                TsvTable.YesNo(path, f[retired]));
            if (row.Keyword.Length > 0 && !keywords.Add(row.Keyword))
            {
                throw new InvalidDataException($"{path}: keyword {row.Keyword} appears twice");
            }

            if (!tags.Add((row.Value, row.Mask)) || (row.Value & ~row.Mask) != 0)
            {
                throw new InvalidDataException($"{path}: {row.Tag} is duplicated or its value has bits outside its mask");
            }

            rows.Add(row);
        }

        rows.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Mask.CompareTo(b.Mask));
        return rows;
    }

    private static List<UidRow> ReadUids(string path)
    {
        var table = TsvTable.Read(path);
        int uid = table.Column("uid"), keyword = table.Column("keyword"), name = table.Column("name"), type = table.Column("type"),
            retired = table.Column("retired"), info = table.Column("info");
        var rows = new List<UidRow>();
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in table.Rows)
        {
            if (!UidTypes.TryGetValue(f[type], out var member))
            {
                throw new InvalidDataException($"{path}: {f[uid]} has type '{f[type]}', which the generator does not map to a DicomUidType");
            }

            if (!uids.Add(f[uid]) || (f[keyword].Length > 0 && !keywords.Add(f[keyword])))
            {
                throw new InvalidDataException($"{path}: {f[uid]} or its keyword appears twice");
            }

            rows.Add(new UidRow(f[uid], f[keyword], f[name], f[type], member, TsvTable.YesNo(path, f[retired]), f[info]));
        }

        return rows;
    }

    private static List<TransferSyntaxRow> ReadTransferSyntaxes(string path, List<UidRow> uids)
    {
        var table = TsvTable.Read(path);
        int uid = table.Column("uid"), keyword = table.Column("keyword"), explicitVR = table.Column("explicit_vr"),
            bigEndian = table.Column("big_endian"), deflated = table.Column("deflated"), encapsulated = table.Column("encapsulated"),
            lossy = table.Column("lossy"), note = table.Column("note");
        var properties = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var f in table.Rows)
        {
            if (!properties.TryAdd(f[uid], f))
            {
                throw new InvalidDataException($"{path}: {f[uid]} appears twice");
            }
        }

        var rows = new List<TransferSyntaxRow>();
        foreach (var row in uids.Where(u => u.Type == "TransferSyntax"))
        {
            if (!properties.Remove(row.Uid, out var f))
            {
                throw new InvalidDataException($"{path}: no properties for transfer syntax {row.Uid} {row.Keyword}; add a row");
            }

            if (f[keyword] != row.Keyword || row.Keyword.Length == 0)
            {
                throw new InvalidDataException($"{path}: {row.Uid} has keyword '{f[keyword]}', uids.tsv says '{row.Keyword}'");
            }

            rows.Add(new TransferSyntaxRow(
                row,
                TsvTable.YesNo(path, f[explicitVR]),
                TsvTable.YesNo(path, f[bigEndian]),
                TsvTable.YesNo(path, f[deflated]),
                TsvTable.YesNo(path, f[encapsulated]),
                TsvTable.YesNo(path, f[lossy]),
                f[note]));
        }

        if (properties.Count > 0)
        {
            throw new InvalidDataException($"{path}: {string.Join(", ", properties.Keys)} not a Transfer Syntax in uids.tsv");
        }

        return rows;
    }
}
