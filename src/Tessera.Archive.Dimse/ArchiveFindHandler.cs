using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Query;
using Tessera.Dimse.Services;

namespace Tessera.Archive.Dimse;

/// <summary>
/// C-FIND SCP for the Patient Root and Study Root information models (PS3.4 C.6.1, C.6.2) at every level: the
/// identifier becomes an <see cref="ArchiveQuery"/> (one index query), each match a Pending response. The
/// engine answers Cancel on C-CANCEL-RQ (the token stops the index query) and A700H past its result limit.
/// </summary>
/// <param name="query">The archive's query service.</param>
/// <param name="maxResults">
/// The server's C-FIND result limit (<c>DicomServerOptions.MaxFindResults</c>): one more is asked of the index so
/// that the engine sees there were more and answers A700H rather than a Success that would hide the truncation.
/// </param>
/// <param name="logger">Logger.</param>
public sealed class ArchiveFindHandler(QueryService query, int maxResults = 10_000, ILogger<ArchiveFindHandler>? logger = null) : IFindHandler
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>
    /// PS3.4 C.5.1.1 SOP Class Extended Negotiation of the Find SOP classes (Table C.5-2): byte 1 relational queries
    /// (no), 2 combined date-time matching (yes, C.2.2.2.5), 3 fuzzy semantic matching of person names (no), 4 timezone
    /// query adjustment (no), 5 enhanced multi-frame image conversion (no), 6 empty value matching (yes), 7 multiple
    /// value matching (yes).
    /// </summary>
    public ReadOnlyMemory<byte> ExtendedNegotiation { get; } = new byte[] { 0, 1, 0, 0, 0, 1, 1 };

    /// <summary>
    /// PS3.4 C.4.1.1.3.1: keys not indexed are matched on the stored attributes; the few the archive cannot match
    /// (counts, binary data) are returned, not matched, and with a value make the matches Pending Warning (FF01H).
    /// </summary>
    public bool SupportsOptionalKeys(DimseRequestContext context, DicomDataset identifier)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identifier);
        var root = QueryRoots.Of(context.PresentationContext.AbstractSyntax) ?? QueryRoot.StudyRoot;
        RetrieveLocationKeys.Take(identifier, context.Association.CalledAETitle, out var stored);

        // A refused identifier is answered by OnCFindAsync's failure; the status of its (no) matches does not matter.
        return !ArchiveQuery.TryFromIdentifier(stored, root, out var parsed, out _) || parsed!.UnmatchedKeys is not { Count: > 0 };
    }

    public async IAsyncEnumerable<DicomDataset> OnCFindAsync(DimseRequestContext context, DicomDataset identifier, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identifier);
        var root = QueryRoots.Of(context.PresentationContext.AbstractSyntax)
            ?? throw new NotSupportedException($"Information model {context.PresentationContext.AbstractSyntax} is not served");

        // The identifier's Specific Character Set (0008,0005) was applied when its values were decoded, so keys in
        // any character set match the archive's text, which the index holds as Unicode.
        var extended = context.PresentationContext.ExtendedNegotiation;
        bool Agreed(int bytePosition) => extended.Length >= bytePosition && extended.Span[bytePosition - 1] == 1;
        var location = RetrieveLocationKeys.Take(identifier, context.Association.CalledAETitle, out var stored);
        if (!ArchiveQuery.TryFromIdentifier(
            stored,
            root,
            out var archiveQuery,
            out var error,
            limit: checked(maxResults + 1),
            combinedDateTimeMatching: Agreed(2),
            emptyValueMatching: Agreed(6),
            multipleValueMatching: Agreed(7)))
        {
            ArchiveDimseLog.FindRefused(_logger, context.Association.CallingAETitle, error!);

            // The engine turns a throwing handler into a failure (C000H, Unable to Process) with this text as Error Comment.
            throw new InvalidDataException(error);
        }

        if (location.MatchesNothing)
        {
            yield break;
        }

        await foreach (var match in query.FindAsync(archiveQuery!, cancellationToken).ConfigureAwait(false))
        {
            yield return location.Complete(match);
        }
    }
}
