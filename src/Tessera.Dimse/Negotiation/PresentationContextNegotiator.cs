using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Negotiation;

/// <summary>
/// Acceptor-side presentation context negotiation (PS3.8 9.3.3.2, Table 9-18; roles PS3.7 D.3.3.4), and the
/// requestor-side reading of an A-ASSOCIATE-AC.
/// </summary>
public sealed class PresentationContextNegotiator
{
    private readonly Dictionary<string, SupportedAbstractSyntax> _supported;
    private readonly Func<string, SupportedAbstractSyntax?>? _unlisted;

    /// <param name="supported">The abstract syntaxes accepted, each with its transfer syntaxes and roles.</param>
    /// <param name="unlisted">
    /// Asked for an abstract syntax not in <paramref name="supported"/>: how to accept it, or null to reject it (an
    /// archive takes the private storage SOP classes of scanners this way, <see cref="DicomPresentationContexts.IsUnlistedStorageSopClass"/>).
    /// </param>
    public PresentationContextNegotiator(IEnumerable<SupportedAbstractSyntax> supported, Func<string, SupportedAbstractSyntax?>? unlisted = null)
    {
        ArgumentNullException.ThrowIfNull(supported);
        _unlisted = unlisted;
        _supported = new Dictionary<string, SupportedAbstractSyntax>(StringComparer.Ordinal);
        foreach (var s in supported)
        {
            _supported[s.AbstractSyntax] = s;
        }
    }

    public NegotiationResult Negotiate(AAssociateRq request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var proposedRoles = new Dictionary<string, RoleSelection>(StringComparer.Ordinal);
        foreach (var role in request.UserInformation.RoleSelections)
        {
            proposedRoles.TryAdd(role.SopClassUid, role);
        }

        var results = new List<PresentationContextAc>(request.PresentationContexts.Count);
        var accepted = new List<AcceptedPresentationContext>();
        var roleReplies = new Dictionary<string, RoleSelection>(StringComparer.Ordinal);
        var proposedExtended = new Dictionary<string, SopClassExtendedNegotiation>(StringComparer.Ordinal);
        foreach (var item in request.UserInformation.ExtendedNegotiations)
        {
            proposedExtended.TryAdd(item.SopClassUid, item);
        }

        var extendedReplies = new Dictionary<string, SopClassExtendedNegotiation>(StringComparer.Ordinal);
        var seenIds = new HashSet<byte>();
        foreach (var pc in request.PresentationContexts)
        {
            if (!seenIds.Add(pc.Id))
            {
                // A duplicate ID cannot be answered unambiguously; reject the repeat (PS3.8 9.3.2.2: IDs are unique).
                results.Add(Reject(pc.Id, PresentationContextResult.NoReason));
                continue;
            }

            var supported = _supported.GetValueOrDefault(pc.AbstractSyntax) ?? _unlisted?.Invoke(pc.AbstractSyntax);
            if (supported is null)
            {
                results.Add(Reject(pc.Id, PresentationContextResult.AbstractSyntaxNotSupported));
                continue;
            }

            bool scu;
            bool scp;
            if (proposedRoles.TryGetValue(pc.AbstractSyntax, out var proposed))
            {
                scu = proposed.ScuRole && supported.RequestorMayBeScu;
                scp = proposed.ScpRole && supported.RequestorMayBeScp;
                roleReplies.TryAdd(pc.AbstractSyntax, new RoleSelection(pc.AbstractSyntax, scu, scp));
            }
            else
            {
                // No role selection item: the default roles, requestor SCU and acceptor SCP (PS3.7 D.3.3.4).
                scu = supported.RequestorMayBeScu;
                scp = false;
            }

            // A context in which only the requestor stores (a C-GET's sub-operations) carries what it receives: its own order
            // of preference decides (getscu and `tessera get` list Explicit VR Little Endian first, `getscu +xs` JPEG
            // Lossless). The acceptor's order there, compressed first for storage, had a CT archive deflate every instance
            // it sent, 12 ms of CPU per 512x512 slice. Elsewhere the acceptor's order, which keeps what arrives as it is.
            var transferSyntax = scp && !scu
                ? pc.TransferSyntaxes.FirstOrDefault(ts => supported.TransferSyntaxes.Contains(ts, StringComparer.Ordinal))
                : supported.TransferSyntaxes.FirstOrDefault(ts => pc.TransferSyntaxes.Contains(ts, StringComparer.Ordinal));
            if (transferSyntax is null)
            {
                results.Add(Reject(pc.Id, PresentationContextResult.TransferSyntaxesNotSupported));
                continue;
            }

            if (!scu && !scp)
            {
                // Neither role is acceptable: the acceptor's user declines the context.
                results.Add(Reject(pc.Id, PresentationContextResult.UserRejection));
                continue;
            }

            var extended = ReadOnlyMemory<byte>.Empty;
            if (!supported.ExtendedNegotiation.IsEmpty && proposedExtended.TryGetValue(pc.AbstractSyntax, out var proposedItem))
            {
                extended = AgreeFlags(proposedItem.ServiceClassApplicationInformation.Span, supported.ExtendedNegotiation.Span);
                extendedReplies.TryAdd(pc.AbstractSyntax, new SopClassExtendedNegotiation(pc.AbstractSyntax, extended));
            }

            results.Add(new PresentationContextAc(pc.Id, PresentationContextResult.Acceptance, transferSyntax));
            accepted.Add(new AcceptedPresentationContext(pc.Id, pc.AbstractSyntax, transferSyntax, scu, scp, extended));
        }

        return new NegotiationResult(results, [.. roleReplies.Values], accepted, [.. extendedReplies.Values]);
    }

    /// <summary>
    /// Each flag is 1 only when both sides set it; the reply is no longer than the proposal (PS3.4 C.5.1.1: the
    /// acceptor answers the bytes it was sent, and a byte not sent means the behaviour is not used).
    /// </summary>
    private static byte[] AgreeFlags(ReadOnlySpan<byte> proposed, ReadOnlySpan<byte> supported)
    {
        var reply = new byte[proposed.Length];
        for (var i = 0; i < reply.Length; i++)
        {
            reply[i] = (byte)(i < supported.Length && proposed[i] == 1 && supported[i] == 1 ? 1 : 0);
        }

        return reply;
    }

    /// <summary>Requestor side: the contexts the acceptor accepted, with the roles agreed (PS3.7 D.3.3.4: absent reply = default roles).</summary>
    public static IReadOnlyList<AcceptedPresentationContext> ReadAccept(AAssociateRq request, AAssociateAc accept)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accept);
        var proposed = request.PresentationContexts.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        var proposedRoles = request.UserInformation.RoleSelections.GroupBy(r => r.SopClassUid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var replies = accept.UserInformation.RoleSelections.GroupBy(r => r.SopClassUid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var extendedReplies = accept.UserInformation.ExtendedNegotiations.GroupBy(r => r.SopClassUid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var accepted = new List<AcceptedPresentationContext>();
        foreach (var pc in accept.PresentationContexts)
        {
            if (pc.Result != PresentationContextResult.Acceptance || !proposed.TryGetValue(pc.Id, out var rq)
                || !rq.TransferSyntaxes.Contains(pc.TransferSyntax, StringComparer.Ordinal))
            {
                continue;
            }

            var scu = true;
            var scp = false;
            if (proposedRoles.TryGetValue(rq.AbstractSyntax, out var mine))
            {
                // Without a reply the acceptor did not support role selection: default roles apply.
                var reply = replies.GetValueOrDefault(rq.AbstractSyntax);
                scu = reply is null || (mine.ScuRole && reply.ScuRole);
                scp = reply is not null && mine.ScpRole && reply.ScpRole;
            }

            var extended = extendedReplies.GetValueOrDefault(rq.AbstractSyntax)?.ServiceClassApplicationInformation ?? ReadOnlyMemory<byte>.Empty;
            accepted.Add(new AcceptedPresentationContext(pc.Id, rq.AbstractSyntax, pc.TransferSyntax, scu, scp, extended));
        }

        return accepted;
    }

    private static PresentationContextAc Reject(byte id, PresentationContextResult result) =>
        new(id, result, string.Empty);
}
