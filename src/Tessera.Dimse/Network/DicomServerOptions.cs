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

    /// <summary>Transfer syntaxes accepted, in order of preference (the acceptor's preference wins).</summary>
    public IReadOnlyList<string> TransferSyntaxes { get; init; } = [DimseUids.ExplicitVRLittleEndian, DimseUids.ImplicitVRLittleEndian];

    /// <summary>On stop, how long associations may take to release before they are aborted.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public DicomAssociationOptions Association { get; init; } = new();
}
