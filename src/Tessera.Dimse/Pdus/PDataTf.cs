namespace Tessera.Dimse.Pdus;

/// <summary>P-DATA-TF PDU (PS3.8 9.3.5): one or more presentation data value items.</summary>
public sealed record PDataTf(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.PDataTf;

    /// <summary>
    /// Not part of the PDU: set by the sender when more P-DATA of the same message follows at once, so that the transport may
    /// hold this one back and send them together (see <see cref="Transport.PduWriter"/>).
    /// </summary>
    public bool MoreFollows { get; init; }
}
