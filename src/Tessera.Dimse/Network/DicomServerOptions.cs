using System.Net;

namespace Tessera.Dimse.Network;

/// <summary>Options of a <see cref="DicomServer"/>.</summary>
public sealed record DicomServerOptions
{
    /// <summary>The called AE title accepted; null accepts any (the policy hook may still refuse).</summary>
    public string? AETitle { get; init; }

    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>TCP port; 0 picks a free one (see <see cref="DicomServer.LocalEndPoint"/>). 104 and 11112 are the registered DICOM ports.</summary>
    public int Port { get; init; } = 11112;

    /// <summary>Associations beyond this are rejected with A-ASSOCIATE-RJ transient, local limit exceeded (PS3.8 Table 9-21).</summary>
    public int MaxAssociations { get; init; } = 64;

    /// <summary>SOP classes served by the store handler.</summary>
    public IReadOnlyList<string> StorageSopClasses { get; init; } = [];

    /// <summary>
    /// Whether the store handler also takes the SOP classes that are not in PS3.6 but may be storage ones (private, or of a
    /// later edition: <see cref="Negotiation.DicomPresentationContexts.IsUnlistedStorageSopClass"/>), in either role when a
    /// get handler serves their C-GET sub-operations.
    /// </summary>
    public bool AcceptUnlistedStorageSopClasses { get; init; }

    /// <summary>Transfer syntaxes accepted, in order of preference (the acceptor's preference wins).</summary>
    public IReadOnlyList<string> TransferSyntaxes { get; init; } = [DimseUids.ExplicitVRLittleEndian, DimseUids.ImplicitVRLittleEndian];

    /// <summary>Information models served by the find handler.</summary>
    public IReadOnlyList<string> FindSopClasses { get; init; } = Negotiation.DicomPresentationContexts.FindSopClasses;

    /// <summary>Information models served by the move handler.</summary>
    public IReadOnlyList<string> MoveSopClasses { get; init; } = Negotiation.DicomPresentationContexts.MoveSopClasses;

    /// <summary>Information models served by the get handler.</summary>
    public IReadOnlyList<string> GetSopClasses { get; init; } = Negotiation.DicomPresentationContexts.GetSopClasses;

    /// <summary>
    /// Storage SOP classes for which a C-GET requestor may take the SCP role (the sub-operations' contexts, PS3.4 C.4.3);
    /// null: every storage SOP class.
    /// </summary>
    public IReadOnlyList<string>? GetStorageSopClasses { get; init; }

    /// <summary>SOP classes served by the generic N-service handler.</summary>
    public IReadOnlyList<string> NServiceSopClasses { get; init; } = [];

    /// <summary>
    /// C-FIND matches sent at most; beyond, the search stops with Refused: Out of Resources (A700H) and an Error Comment
    /// saying so, so that a client sees the list is incomplete (a Success would hide it).
    /// </summary>
    public int MaxFindResults { get; init; } = 10_000;

    /// <summary>Calling AE title of the associations the server opens (C-MOVE destinations, Storage Commitment reports); null: <see cref="AETitle"/> or "TESSERA".</summary>
    public string? OutboundAETitle { get; init; }

    /// <summary>On stop, how long associations may take to release before they are aborted.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public DicomAssociationOptions Association { get; init; } = new();

    /// <summary>TLS for every accepted connection (PS3.15 B.9); null: plain TCP.</summary>
    public Transport.DicomTlsOptions? Tls { get; init; }

    /// <summary>
    /// C-STORE sub-operations a C-MOVE keeps outstanding at its destination: proposed as an asynchronous operations window
    /// (PS3.7 D.3.3.3) when above 1, and used as far as the destination agrees. 1, no proposal, by default: some
    /// implementations drop an association that carries the item. (A C-GET requestor's window is answered with
    /// <see cref="DicomAssociationOptions.MaxOperationsInvoked"/> of <see cref="Association"/>.)
    /// </summary>
    public int OutboundMaxOperationsInvoked { get; init; } = 1;

    /// <summary>TLS for the associations the server opens (C-MOVE destinations, Storage Commitment reports); null: plain TCP.</summary>
    public Transport.DicomTlsOptions? OutboundTls { get; init; }
}
