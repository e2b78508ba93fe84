using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>The handlers a <see cref="DicomServer"/> dispatches to; each service is offered only when its handler is set.</summary>
public sealed record DicomServerHandlers
{
    /// <summary>C-ECHO; when null, every C-ECHO succeeds.</summary>
    public IVerificationHandler? Verification { get; init; }

    public IStoreHandler? Store { get; init; }

    public IFindHandler? Find { get; init; }

    public IMoveHandler? Move { get; init; }

    public IGetHandler? Get { get; init; }

    public IStorageCommitmentHandler? StorageCommitment { get; init; }

    public INServiceHandler? NService { get; init; }

    public IAssociationPolicy? Policy { get; init; }

    /// <summary>Where C-MOVE destinations and Storage Commitment requesters listen.</summary>
    public IApplicationEntityResolver? ApplicationEntities { get; init; }
}
