namespace Tessera.Dimse.Pdus;

/// <summary>A-ASSOCIATE-RJ PDU (PS3.8 9.3.4, Table 9-21).</summary>
public sealed record AAssociateRj(AssociateRejectResult Result, AssociateRejectSource Source, byte Reason) : Pdu
{
    public override PduType Type => PduType.AAssociateRj;

    /// <summary>Reserved (1), result (1), source (1), reason/diag. (1).</summary>
    public const int BodyLength = 4;
}
