namespace Tessera.Dimse.Pdus;

/// <summary>A-ABORT PDU (PS3.8 9.3.8, Table 9-26).</summary>
public sealed record AAbort(AbortSource Source, AbortReason Reason) : Pdu
{
    /// <summary>Reserved (2), source (1), reason/diag. (1).</summary>
    public const int BodyLength = 4;

    public override PduType Type => PduType.AAbort;
}
