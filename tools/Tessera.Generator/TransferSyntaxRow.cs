namespace Tessera.Generator;

/// <summary>A Transfer Syntax row of uids.tsv joined with its flags from transfer-syntax-properties.tsv.</summary>
public sealed record TransferSyntaxRow(
    UidRow Uid,
    bool IsExplicitVR,
    bool IsBigEndian,
    bool IsDeflated,
    bool IsEncapsulated,
    bool IsLossy,
    string Note);
