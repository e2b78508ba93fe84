using Tessera.Dicom;
using Tessera.Dicom.Values;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Negotiation;

/// <summary>Ready-made proposals for the common services. At most 128 contexts fit in an A-ASSOCIATE-RQ (odd IDs 1–255, PS3.8 9.3.2.2).</summary>
public static class DicomPresentationContexts
{
    /// <summary>The most presentation contexts one association can carry.</summary>
    public const int MaxContexts = 128;

    /// <summary>Explicit VR Little Endian first, then the default Implicit VR Little Endian every SCP accepts (PS3.5 10.1).</summary>
    public static IReadOnlyList<string> UncompressedTransferSyntaxes { get; } = [DimseUids.ExplicitVRLittleEndian, DimseUids.ImplicitVRLittleEndian];

    /// <summary>Patient Root, Study Root and Patient/Study Only (retired but still served by DCMTK) Query/Retrieve FIND, and Modality Worklist FIND.</summary>
    public static IReadOnlyList<string> FindSopClasses { get; } =
    [
        DicomUids.PatientRootQueryRetrieveInformationModelFind,
        DicomUids.StudyRootQueryRetrieveInformationModelFind,
        DicomUids.ModalityWorklistInformationModelFind,
    ];

    public static IReadOnlyList<string> MoveSopClasses { get; } =
    [
        DicomUids.PatientRootQueryRetrieveInformationModelMove,
        DicomUids.StudyRootQueryRetrieveInformationModelMove,
    ];

    public static IReadOnlyList<string> GetSopClasses { get; } =
    [
        DicomUids.PatientRootQueryRetrieveInformationModelGet,
        DicomUids.StudyRootQueryRetrieveInformationModelGet,
    ];

    /// <summary>
    /// Every current (not retired) storage SOP class of PS3.6 Table A-1 — type SOP Class with "Storage" in the name, less
    /// Storage Commitment and the Media Storage Directory — the common modalities first, so a truncated list keeps them.
    /// </summary>
    public static IReadOnlyList<string> StorageSopClasses { get; } = BuildStorageSopClasses();

    public static PresentationContextProposal Verification { get; } = new(DimseUids.Verification, UncompressedTransferSyntaxes);

    /// <summary>
    /// Whether <paramref name="abstractSyntax"/>, absent from PS3.6 Table A-1, is taken for a storage SOP class: a private
    /// one (any valid UID outside the DICOM root 1.2.840.10008, as the vendors' CSA Non-Image, raw data and 3D model
    /// objects that scanners send with their studies), or one a later edition of the standard added under the storage
    /// branch 1.2.840.10008.5.1.4.1.1. A UID of the registry is never unlisted: what it is, the registry says.
    /// </summary>
    public static bool IsUnlistedStorageSopClass(string abstractSyntax)
    {
        ArgumentNullException.ThrowIfNull(abstractSyntax);
        if (!DicomUid.IsValid(abstractSyntax) || DicomUidRegistry.Find(abstractSyntax) is not null)
        {
            return false;
        }

        return abstractSyntax.StartsWith("1.2.840.10008.5.1.4.1.1.", StringComparison.Ordinal)
            || !abstractSyntax.StartsWith("1.2.840.10008.", StringComparison.Ordinal);
    }

    /// <summary>One SCU context per SOP class, each with <paramref name="transferSyntaxes"/> (uncompressed when null).</summary>
    public static IReadOnlyList<PresentationContextProposal> Scu(IEnumerable<string> sopClasses, IReadOnlyList<string>? transferSyntaxes = null) =>
        [.. sopClasses.Select(s => new PresentationContextProposal(s, transferSyntaxes ?? UncompressedTransferSyntaxes))];

    /// <summary>
    /// What a C-GET SCU proposes: the GET SOP classes as SCU and storage SOP classes with the SCP role only (PS3.4 C.4.3.1),
    /// as many as fit beside them (by default all of <see cref="StorageSopClasses"/> up to the 128-context limit).
    /// </summary>
    public static IReadOnlyList<PresentationContextProposal> ForGet(IEnumerable<string>? storageSopClasses = null, IReadOnlyList<string>? transferSyntaxes = null)
    {
        var get = Scu(GetSopClasses).ToList();
        // One context is the Verification context every DicomClient proposes.
        var storage = (storageSopClasses ?? StorageSopClasses)
            .Take(MaxContexts - 1 - get.Count)
            .Select(s => new PresentationContextProposal(s, transferSyntaxes ?? UncompressedTransferSyntaxes, ScuRole: false, ScpRole: true));
        return [.. get, .. storage];
    }

    /// <summary>
    /// For sending these instances: per SOP class one context offering the stored transfer syntax (sent as is when accepted)
    /// and one offering the uncompressed syntaxes (the fall-back the client converts to). Throws when they exceed 128;
    /// <see cref="InBatches"/> splits instances that need more.
    /// </summary>
    public static IReadOnlyList<PresentationContextProposal> ForInstances(IEnumerable<DicomInstanceSource> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var proposals = instances.GroupBy(i => i.SopClassUid, StringComparer.Ordinal).SelectMany(ForSopClass).ToList();
        if (proposals.Count > MaxContexts - 1)
        {
            throw new ArgumentException($"{proposals.Count} presentation contexts needed; one association carries at most {MaxContexts}: send in batches", nameof(instances));
        }

        return proposals;
    }

    /// <summary>
    /// Splits <paramref name="instances"/> into groups whose <see cref="ForInstances"/> proposals each fit one association
    /// (127 contexts beside Verification: PS3.8 9.3.2.2 allows 128, odd IDs 1–255): whole SOP classes per group, taken in the
    /// order they first appear, each group keeping the instances' order. A single group when they all fit, as they
    /// almost always do; a C-MOVE sends each group on an association of its own, one after the other.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<DicomInstanceSource>> InBatches(IReadOnlyList<DicomInstanceSource> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var batches = new List<HashSet<string>>();
        var current = new HashSet<string>(StringComparer.Ordinal);
        var used = 0;
        foreach (var group in instances.GroupBy(i => i.SopClassUid, StringComparer.Ordinal))
        {
            var needed = ForSopClass(group).Count();
            if (used > 0 && used + needed > MaxContexts - 1)
            {
                batches.Add(current);
                current = new HashSet<string>(StringComparer.Ordinal);
                used = 0;
            }

            current.Add(group.Key);
            used += needed;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches.Count <= 1
            ? [instances]
            : [.. batches.Select(classes => (IReadOnlyList<DicomInstanceSource>)[.. instances.Where(i => classes.Contains(i.SopClassUid))])];
    }

    /// <summary>A context of its own for each stored syntax, so that the SCP's preference among several cannot force a conversion; then the uncompressed fall-back.</summary>
    private static IEnumerable<PresentationContextProposal> ForSopClass(IGrouping<string, DicomInstanceSource> group) =>
        group.Select(i => i.TransferSyntaxUid).Distinct(StringComparer.Ordinal)
            .Select(stored => new PresentationContextProposal(group.Key, [stored]))
            .Append(new PresentationContextProposal(group.Key, UncompressedTransferSyntaxes));

    private static string[] BuildStorageSopClasses()
    {
        string[] common =
        [
            "1.2.840.10008.5.1.4.1.1.2", // CT Image
            "1.2.840.10008.5.1.4.1.1.2.1", // Enhanced CT Image
            "1.2.840.10008.5.1.4.1.1.4", // MR Image
            "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR Image
            "1.2.840.10008.5.1.4.1.1.1", // Computed Radiography Image
            "1.2.840.10008.5.1.4.1.1.1.1", // Digital X-Ray Image - For Presentation
            "1.2.840.10008.5.1.4.1.1.1.1.1", // Digital X-Ray Image - For Processing
            "1.2.840.10008.5.1.4.1.1.1.2", // Digital Mammography X-Ray Image - For Presentation
            "1.2.840.10008.5.1.4.1.1.13.1.3", // Breast Tomosynthesis Image
            "1.2.840.10008.5.1.4.1.1.6.1", // Ultrasound Image
            "1.2.840.10008.5.1.4.1.1.3.1", // Ultrasound Multi-frame Image
            "1.2.840.10008.5.1.4.1.1.7", // Secondary Capture Image
            "1.2.840.10008.5.1.4.1.1.7.4", // Multi-frame True Color Secondary Capture Image
            "1.2.840.10008.5.1.4.1.1.12.1", // X-Ray Angiographic Image
            "1.2.840.10008.5.1.4.1.1.12.2", // X-Ray Radiofluoroscopic Image
            "1.2.840.10008.5.1.4.1.1.20", // Nuclear Medicine Image
            "1.2.840.10008.5.1.4.1.1.128", // Positron Emission Tomography Image
            "1.2.840.10008.5.1.4.1.1.481.1", // RT Image
            "1.2.840.10008.5.1.4.1.1.481.2", // RT Dose
            "1.2.840.10008.5.1.4.1.1.481.3", // RT Structure Set
            "1.2.840.10008.5.1.4.1.1.481.5", // RT Plan
            "1.2.840.10008.5.1.4.1.1.88.11", // Basic Text SR
            "1.2.840.10008.5.1.4.1.1.88.22", // Enhanced SR
            "1.2.840.10008.5.1.4.1.1.88.33", // Comprehensive SR
            "1.2.840.10008.5.1.4.1.1.88.59", // Key Object Selection Document
            "1.2.840.10008.5.1.4.1.1.11.1", // Grayscale Softcopy Presentation State
            "1.2.840.10008.5.1.4.1.1.104.1", // Encapsulated PDF
            "1.2.840.10008.5.1.4.1.1.77.1.4", // VL Photographic Image
            "1.2.840.10008.5.1.4.1.1.66.4", // Segmentation
            "1.2.840.10008.5.1.4.1.1.9.1.1", // 12-lead ECG Waveform
        ];
        var all = DicomUidRegistry.All
            .Where(u => u is { Type: DicomUidType.SOPClass, IsRetired: false }
                && u.Name.Contains("Storage", StringComparison.Ordinal)
                && !u.Name.Contains("Commitment", StringComparison.Ordinal)
                && !u.Name.Contains("Media Storage Directory", StringComparison.Ordinal))
            .Select(u => u.Uid)
            .Order(StringComparer.Ordinal);
        return [.. common.Where(c => DicomUidRegistry.Find(c) is not null), .. all.Except(common, StringComparer.Ordinal)];
    }
}
