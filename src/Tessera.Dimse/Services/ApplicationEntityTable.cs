namespace Tessera.Dimse.Services;

/// <summary>A fixed AE table (AE titles are case-sensitive, PS3.5 6.2).</summary>
public sealed class ApplicationEntityTable(IEnumerable<RemoteApplicationEntity> entries) : IApplicationEntityResolver
{
    private readonly Dictionary<string, RemoteApplicationEntity> _entries = entries.ToDictionary(e => e.AETitle, StringComparer.Ordinal);

    public ValueTask<RemoteApplicationEntity?> ResolveAsync(string aeTitle, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.GetValueOrDefault(aeTitle.Trim()));
}
