namespace Tessera.Dimse.Services;

/// <summary>The AE table: where a C-MOVE destination or a Storage Commitment requester listens.</summary>
public interface IApplicationEntityResolver
{
    /// <summary>Null when the AE title is unknown.</summary>
    ValueTask<RemoteApplicationEntity?> ResolveAsync(string aeTitle, CancellationToken cancellationToken);
}
