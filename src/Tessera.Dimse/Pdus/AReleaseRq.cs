namespace Tessera.Dimse.Pdus;

/// <summary>A-RELEASE-RQ PDU (PS3.8 9.3.6): four reserved bytes.</summary>
public sealed record AReleaseRq : Pdu
{
    public const int BodyLength = 4;

    public override PduType Type => PduType.AReleaseRq;
}
