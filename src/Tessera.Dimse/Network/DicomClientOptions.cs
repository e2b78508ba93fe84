namespace Tessera.Dimse.Network;

/// <summary>Options of a <see cref="DicomClient"/> association.</summary>
public sealed record DicomClientOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 11112;

    public string CallingAETitle { get; init; } = "TESSERA";

    public string CalledAETitle { get; init; } = "ANY-SCP";

    /// <summary>Abstract syntaxes to propose, each with these transfer syntaxes; Verification is always proposed.</summary>
    public IReadOnlyList<string> AbstractSyntaxes { get; init; } = [];

    public IReadOnlyList<string> TransferSyntaxes { get; init; } = [DimseUids.ExplicitVRLittleEndian, DimseUids.ImplicitVRLittleEndian];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public DicomAssociationOptions Association { get; init; } = new();
}
