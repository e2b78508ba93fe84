using System.CommandLine;
using Tessera.Dicom;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Get;

/// <summary>
/// The storage SOP classes a C-GET will bring, asked of the peer first with a C-FIND on an association of its own: a
/// C-GET receives only the classes its requestor proposed (PS3.4 C.4.3.1), 128 contexts hold fewer than the standard's
/// storage classes, and no list holds a scanner's private ones. At image level each match's SOP Class UID, above it
/// SOP Classes in Study (PS3.4 C.6.2.1.2; a patient's studies are asked at study level). A peer that does not answer
/// them, or refuses the query, leaves the standard list to do.
/// </summary>
internal static class RetrievedSopClasses
{
    public static async Task<IReadOnlyList<string>> AskAsync(ParseResult parseResult, PeerOptions peer, bool patientRoot, DicomDataset identifier, CancellationToken cancellationToken)
    {
        var query = new DicomDataset(identifier);
        var level = identifier.GetString(DicomTags.QueryRetrieveLevel)?.Trim();
        if (level == "PATIENT")
        {
            query.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        }

        var key = level == "IMAGE" ? DicomTags.SOPClassUID : DicomTags.SOPClassesInStudy;
        query.AddOrUpdate(key, DicomVR.UI, string.Empty);
        var find = patientRoot ? DicomUids.PatientRootQueryRetrieveInformationModelFind : DicomUids.StudyRootQueryRetrieveInformationModelFind;
        var classes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var options = peer.ClientOptions(parseResult, []) with { PresentationContexts = DicomPresentationContexts.Scu([find]) };
            await using var client = await DicomClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!client.Association.PresentationContexts.Any(context => context.AbstractSyntax == find))
            {
                // A retrieve-only peer: it answers no query.
                await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                return [];
            }

            await client.FindAsync(find, query, (match, _) =>
            {
                classes.UnionWith(match.GetStrings(key).Select(uid => uid.Trim('\0', ' ')).Where(uid => uid.Length > 0));
                return ValueTask.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (NetworkFailure.IsExpected(ex))
        {
            // The C-GET itself says what is wrong with the peer; without an answer here, the standard list is proposed.
            return [];
        }

        return [.. classes.Order(StringComparer.Ordinal)];
    }
}
