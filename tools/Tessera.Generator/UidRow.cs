namespace Tessera.Generator;

/// <summary>One row of standard/uids.tsv (PS3.6 Table A-1).</summary>
/// <param name="Type">The DicomUidType member name the TSV's type maps to.</param>
public sealed record UidRow(string Uid, string Keyword, string Name, string TypeText, string Type, bool IsRetired, string Info);
