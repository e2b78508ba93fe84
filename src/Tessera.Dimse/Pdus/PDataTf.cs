namespace Tessera.Dimse.Pdus;

/// <summary>P-DATA-TF PDU (PS3.8 9.3.5): one or more presentation data value items.</summary>
public sealed record PDataTf(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.PDataTf;
}
