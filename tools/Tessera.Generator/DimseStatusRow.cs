namespace Tessera.Generator;

/// <summary>One row of standard/dimse-statuses.tsv: a status code or range, its class, keyword, meaning, services and where the standard defines it.</summary>
public sealed record DimseStatusRow(ushort Low, ushort High, string Category, string Keyword, string Meaning, string Services, string Reference);
