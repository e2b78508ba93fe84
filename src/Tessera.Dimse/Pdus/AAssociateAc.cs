namespace Tessera.Dimse.Pdus;

/// <summary>A-ASSOCIATE-AC PDU (PS3.8 9.3.3, Table 9-17).</summary>
public sealed record AAssociateAc : Pdu
{
    public override PduType Type => PduType.AAssociateAc;

    public ushort ProtocolVersion { get; init; } = 1;

    /// <summary>Reserved in the AC but PS3.8 asks that the value of the RQ be sent back; it is not tested on receipt.</summary>
    public required string CalledAETitle { get; init; }

    public required string CallingAETitle { get; init; }

    public string ApplicationContextName { get; init; } = DimseUids.DicomApplicationContext;

    public IReadOnlyList<PresentationContextAc> PresentationContexts { get; init; } = [];

    public UserInformation UserInformation { get; init; } = new();
}
