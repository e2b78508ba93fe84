namespace Tessera.Generator;

/// <summary>Emits DicomTransferSyntax.g.cs: one instance per Transfer Syntax row of PS3.6 Table A-1.</summary>
public static class TransferSyntaxEmitter
{
    public static string Emit(IReadOnlyList<TransferSyntaxRow> transferSyntaxes)
    {
        var w = new CodeWriter("The transfer syntaxes of PS3.6 Table A-1 with the PS3.5 flags of standard/transfer-syntax-properties.tsv.");
        w.Line("public sealed partial class DicomTransferSyntax");
        w.Line("{");
        foreach (var ts in transferSyntaxes)
        {
            var row = ts.Uid;
            w.Line($"    /// <summary>{UidsEmitter.Summary(row)}</summary>");
            w.Line($"    /// <remarks>{row.Uid}: {CodeWriter.Xml(ts.Note)}.</remarks>");
            w.Line($"    public static readonly DicomTransferSyntax {row.Keyword} = new(");
            w.Line($"        {CodeWriter.Literal(row.Uid)},");
            w.Line($"        {CodeWriter.Literal(row.Keyword)},");
            w.Line($"        {CodeWriter.Literal(row.Name)},");
            w.Line($"        isExplicitVR: {CodeWriter.Bool(ts.IsExplicitVR)},");
            w.Line($"        isBigEndian: {CodeWriter.Bool(ts.IsBigEndian)},");
            w.Line($"        isDeflated: {CodeWriter.Bool(ts.IsDeflated)},");
            w.Line($"        isEncapsulated: {CodeWriter.Bool(ts.IsEncapsulated)},");
            w.Line($"        isLossy: {CodeWriter.Bool(ts.IsLossy)},");
            w.Line($"        isRetired: {CodeWriter.Bool(row.IsRetired)});");
            w.Line();
        }

        w.Line("    /// <summary>Every transfer syntax above, in UID order.</summary>");
        w.Line("    private static DicomTransferSyntax[] GeneratedAll() =>");
        w.Line("    [");
        foreach (var ts in transferSyntaxes)
        {
            w.Line($"        {ts.Uid.Keyword},");
        }

        w.Line("    ];");
        w.Line("}");
        return w.ToString();
    }
}
