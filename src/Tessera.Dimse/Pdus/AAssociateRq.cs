namespace Tessera.Dimse.Pdus;

/// <summary>A-ASSOCIATE-RQ PDU (PS3.8 9.3.2, Table 9-11).</summary>
public sealed record AAssociateRq : Pdu
{
    public override PduType Type => PduType.AAssociateRq;

    /// <summary>Bit 0 set means protocol version 1, the only version PS3.8 defines.</summary>
    public ushort ProtocolVersion { get; init; } = 1;

    public required string CalledAETitle { get; init; }

    public required string CallingAETitle { get; init; }

    public string ApplicationContextName { get; init; } = DimseUids.DicomApplicationContext;

    public IReadOnlyList<PresentationContextRq> PresentationContexts { get; init; } = [];

    public UserInformation UserInformation { get; init; } = new();
}
