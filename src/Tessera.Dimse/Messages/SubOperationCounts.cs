namespace Tessera.Dimse.Messages;

/// <summary>C-MOVE and C-GET sub-operation counters (0000,1020)–(0000,1023).</summary>
public readonly record struct SubOperationCounts(ushort Remaining, ushort Completed, ushort Failed, ushort Warning);
