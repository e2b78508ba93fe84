using Tessera.Dicom;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;
using Tessera.Server.Import;

namespace Tessera.Cli.Network.Store;

/// <summary>
/// Which files go on which association, and what each association proposes. Built from the file headers only
/// (<see cref="DicomInstanceSource.FromFileAsync"/> stops before the pixel data).
/// </summary>
internal static class StorePlan
{
    /// <summary>
    /// Every file named, folders walked recursively, in a stable order (hidden files included: storescu +sd does too).
    /// A file found in a folder that is not DICOM (a README, a JPEG) goes to <paramref name="skipped"/> instead; one
    /// named explicitly is returned whatever it is, so that sending it fails visibly.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, Action<string>? skipped = null)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (skipped is not null && !DicomFileSniffer.MayBeDicom(file))
                    {
                        skipped(file);
                        continue;
                    }

                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>
    /// Per SOP class, one context per transfer syntax its files are stored in, that syntax alone, so that the peer's
    /// preference cannot force a conversion (PS3.8 Table 9-18: the acceptor picks among a context's syntaxes); then, for
    /// the native files, one context with Explicit and Implicit VR Little Endian (PS3.5 10.1) for the client to convert
    /// to when the stored syntax is refused. Encapsulated files have no fall-back: without a codec they go as they are or not at all.
    /// </summary>
    public static IReadOnlyList<PresentationContextProposal> Contexts(IEnumerable<DicomInstanceSource> instances)
    {
        var proposals = new List<PresentationContextProposal>();
        foreach (var group in instances.GroupBy(i => i.SopClassUid, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var syntaxes = group.Select(i => i.TransferSyntaxUid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            proposals.AddRange(syntaxes.Select(s => new PresentationContextProposal(group.Key, [s])));
            if (syntaxes.Any(s => !IsEncapsulated(s)))
            {
                proposals.Add(new PresentationContextProposal(group.Key, DicomPresentationContexts.UncompressedTransferSyntaxes));
            }
        }

        return proposals;
    }

    /// <summary>
    /// Splits the instances into <paramref name="parallel"/> near-equal partitions (round robin, so every partition gets a
    /// mix of sizes), then each partition into associations whose proposals fit in one A-ASSOCIATE-RQ (127 contexts
    /// beside Verification, PS3.8 9.3.2.2).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<DicomInstanceSource>>> Partition(IReadOnlyList<DicomInstanceSource> instances, int parallel)
    {
        var partitions = Enumerable.Range(0, Math.Min(parallel, Math.Max(1, instances.Count)))
            .Select(p => instances.Where((_, i) => i % parallel == p).ToList())
            .Where(p => p.Count > 0)
            .ToList();
        return [.. partitions.Select(Batches)];
    }

    private static IReadOnlyList<IReadOnlyList<DicomInstanceSource>> Batches(List<DicomInstanceSource> partition)
    {
        // Grouped by SOP class so that a batch needs as few contexts as its classes do.
        var batches = new List<IReadOnlyList<DicomInstanceSource>>();
        var current = new List<DicomInstanceSource>();
        var contexts = new HashSet<(string, string)>();
        foreach (var instance in partition.OrderBy(i => i.SopClassUid, StringComparer.Ordinal))
        {
            // The contexts an instance needs: its stored syntax alone, and for a native one its class's fall-back context.
            var context = (instance.SopClassUid, instance.TransferSyntaxUid);
            var fallback = (instance.SopClassUid, IsEncapsulated(instance.TransferSyntaxUid) ? instance.TransferSyntaxUid : string.Empty);
            contexts.Add(context);
            contexts.Add(fallback);
            if (contexts.Count > DicomPresentationContexts.MaxContexts - 1)
            {
                batches.Add(current);
                current = [];
                contexts = [context, fallback];
            }

            current.Add(instance);
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private static bool IsEncapsulated(string transferSyntaxUid) => DicomTransferSyntax.Lookup(transferSyntaxUid).IsEncapsulated;
}
