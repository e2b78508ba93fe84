using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Query;
using Tessera.Archive.Retrieve;
using Tessera.Archive.Storage;
using Tessera.Dimse.Services;

namespace Tessera.Archive.Dimse;

/// <summary>
/// C-MOVE and C-GET SCP (PS3.4 C.4.2, C.4.3) for Patient Root and Study Root: the identifier's unique keys
/// (C.4.2.2.1: the level's key, a list of UIDs allowed, and those above) name the instances; the engine sends
/// them as C-STORE sub-operations, each data set streamed from its blob in its stored transfer syntax — after its header
/// was read from the blob when sent: a blob stored as received with odd-length values (PS3.5 7.1) goes re-encoded with
/// padding, as `tessera store` sends such a file (the engine's check, <see cref="DicomInstanceSource.Part10"/>).
/// </summary>
public sealed class ArchiveRetrieveHandler(QueryService query, RetrieveService retrieve, IBlobStore blobs, ILogger<ArchiveRetrieveHandler>? logger = null)
    : IMoveHandler, IGetHandler
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public ValueTask<IReadOnlyList<DicomInstanceSource>> OnCMoveAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken) =>
        ResolveAsync(context, identifier, cancellationToken);

    public ValueTask<IReadOnlyList<DicomInstanceSource>> OnCGetAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken) =>
        ResolveAsync(context, identifier, cancellationToken);

    private async ValueTask<IReadOnlyList<DicomInstanceSource>> ResolveAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identifier);
        var root = QueryRoots.Of(context.PresentationContext.AbstractSyntax)
            ?? throw new NotSupportedException($"Information model {context.PresentationContext.AbstractSyntax} is not served");
        var level = identifier.GetString(DicomTags.QueryRetrieveLevel);
        var instances = new List<DicomInstanceSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        switch (level)
        {
            case "PATIENT" when root == QueryRoot.PatientRoot:
                foreach (var study in await StudiesOfPatientAsync(Required(context, identifier, DicomTags.PatientID)[0], cancellationToken).ConfigureAwait(false))
                {
                    await AddAsync(instances, seen, study, null, null, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "STUDY":
                foreach (var study in Required(context, identifier, DicomTags.StudyInstanceUID))
                {
                    await AddAsync(instances, seen, study, null, null, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "SERIES":
                foreach (var series in Required(context, identifier, DicomTags.SeriesInstanceUID))
                {
                    await AddAsync(instances, seen, null, series, null, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "IMAGE":
                foreach (var sop in Required(context, identifier, DicomTags.SOPInstanceUID))
                {
                    await AddAsync(instances, seen, null, null, sop, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                throw Refuse(context, $"Query/Retrieve Level '{level}' is not a level of the {root} information model (PS3.4 C.6)");
        }

        return instances;
    }

    private string[] Required(DimseRequestContext context, DicomDataset identifier, DicomTag tag)
    {
        var values = identifier.GetStrings(tag).Select(v => v.Trim(' ', '\0')).Where(v => v.Length > 0).ToArray();
        return values.Length > 0
            ? values
            : throw Refuse(context, $"{DicomDictionary.Find(tag)?.Keyword} {tag} is required (PS3.4 C.4.2.2.1)");
    }

    private InvalidDataException Refuse(DimseRequestContext context, string reason)
    {
        ArchiveDimseLog.RetrieveRefused(_logger, context.Association.CallingAETitle, reason);
        return new InvalidDataException(reason);
    }

    private async Task<List<string>> StudiesOfPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        identifier.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        identifier.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, string.Empty);
        if (!ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.PatientRoot, out var studies, out var error, limit: int.MaxValue))
        {
            throw new InvalidDataException(error);
        }

        var uids = new List<string>();
        await foreach (var study in query.FindAsync(studies!, cancellationToken).ConfigureAwait(false))
        {
            if (study.GetString(DicomTags.StudyInstanceUID) is { Length: > 0 } uid)
            {
                uids.Add(uid);
            }
        }

        return uids;
    }

    /// <summary>
    /// Adds the instances not seen yet, in order; the one before each asks the store, as it opens its own blob, to read
    /// this one's ahead: a store that keeps only recent blobs in memory (<c>PageCacheWindow</c>) then reads from disk
    /// while the network sends.
    /// </summary>
    private async Task AddAsync(List<DicomInstanceSource> instances, HashSet<string> seen, string? study, string? series, string? sop, CancellationToken cancellationToken)
    {
        await foreach (var instance in retrieve.ListAsync(study, series, sop, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(instance.SopInstanceUid))
            {
                var location = instance.Location;
                if (instances.Count > 0)
                {
                    var previous = instances[^1];
                    var open = previous.OpenDataSet;
                    instances[^1] = previous with
                    {
                        OpenDataSet = token =>
                        {
                            blobs.WillRead(location.RelativePath, location.Size);
                            return open(token);
                        },
                    };
                }

                instances.Add(new DicomInstanceSource(
                    instance.SopClassUid,
                    instance.SopInstanceUid,
                    location.TransferSyntaxUid,
                    token => StoredDataSet.OpenAsync(blobs, location, token),
                    NeedsRepair: location.NeedsRepair,
                    Part10: retrieve.Part10(instance)));
            }
        }
    }
}
