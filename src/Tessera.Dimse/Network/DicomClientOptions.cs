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

    /// <summary>
    /// Further contexts, each with its own transfer syntaxes and roles (see <see cref="Negotiation.DicomPresentationContexts"/>
    /// for the common sets). Proposed after <see cref="AbstractSyntaxes"/>; 128 contexts at most in all.
    /// </summary>
    public IReadOnlyList<Negotiation.PresentationContextProposal> PresentationContexts { get; init; } = [];

    /// <summary>
    /// SOP Class Extended Negotiation items to propose (PS3.7 D.3.3.5), e.g. the Query/Retrieve flags of PS3.4 C.5.1.1;
    /// the acceptor's replies are in each accepted context's <c>ExtendedNegotiation</c>.
    /// </summary>
    public IReadOnlyList<Pdus.SopClassExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public DicomAssociationOptions Association { get; init; } = new();

    /// <summary>TLS (PS3.15 B.9); null: plain TCP.</summary>
    public Transport.DicomTlsOptions? Tls { get; init; }
}
