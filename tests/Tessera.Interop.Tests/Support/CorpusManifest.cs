namespace Tessera.Interop.Tests.Support;

/// <summary>tests/data/corpus/MANIFEST.tsv: one row per file with its SOP class, transfer syntax and whether dcmdump reads it.</summary>
internal static class CorpusManifest
{
    public sealed record Entry(string File, string SopClassUid, string TransferSyntaxUid, string SopInstanceUid, bool DcmdumpReads);

    public static IReadOnlyList<Entry> Entries { get; } = Load();

    private static Entry[] Load()
    {
        var lines = File.ReadAllLines(Repository.Corpus("MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var (file, sopClass, ts, instance, dcmdump) = (Column("file"), Column("sop_class_uid"), Column("transfer_syntax_uid"), Column("sop_instance_uid"), Column("dcmdump_exit"));
        return lines.Skip(1).Select(l => l.Split('\t'))
            .Select(c => new Entry(c[file], c[sopClass], c[ts], c[instance], c[dcmdump] == "0"))
            .ToArray();
    }
}
