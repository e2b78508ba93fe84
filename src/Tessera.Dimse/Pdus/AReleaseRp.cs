namespace Tessera.Dimse.Pdus;

/// <summary>A-RELEASE-RP PDU (PS3.8 9.3.7): four reserved bytes.</summary>
public sealed record AReleaseRp : Pdu
{
    public const int BodyLength = 4;

    public override PduType Type => PduType.AReleaseRp;
}
