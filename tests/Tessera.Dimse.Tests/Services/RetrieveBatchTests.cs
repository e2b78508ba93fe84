using System.Buffers;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Testing;
using static Tessera.Dimse.Tests.Services.QueryRetrieveTests;

namespace Tessera.Dimse.Tests.Services;

/// <summary>
/// C-MOVE sub-operations needing more presentation contexts than one association carries (PS3.8 9.3.2.2: 128, odd IDs
/// 1–255), C-GET sub-operations the requestor proposed no context for (PS3.4 C.4.3), and instances whose Part 10 header is
/// read only when they are sent (an archive's blobs).
/// </summary>
public sealed class RetrieveBatchTests
{
    /// <summary>A SOP class UID of our own per instance (2.25: UUID-derived, PS3.5 B.2), so no dictionary knows them.</summary>
    private static string PrivateSopClass(int n) => $"2.25.2718281828459045235{n + 100}";

    [Theory]
    [InlineData(63, new[] { 63 })]
    [InlineData(64, new[] { 63, 1 })]
    [InlineData(150, new[] { 63, 63, 24 })]
    public void InstancesAreBatchedByWholeSopClassesWithinOneAssociationsContexts(int classes, int[] expected)
    {
        // Two contexts per SOP class (the stored syntax, the uncompressed fall-back): 63 × 2 = 126 fit beside Verification.
        var instances = Synthetic(classes);

        var batches = DicomPresentationContexts.InBatches(instances);

        Assert.Equal(expected, batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.True(DicomPresentationContexts.ForInstances(b).Count <= DicomPresentationContexts.MaxContexts - 1));
        Assert.Equal(instances, batches.SelectMany(b => b));
    }

    [Fact]
    public void ASopClassStaysInOneBatchWithItsInstancesInOrder()
    {
        var instances = Synthetic(100).Concat(Synthetic(100, prefix: "9")).ToList();

        var batches = DicomPresentationContexts.InBatches(instances);

        Assert.Equal(2, batches.Count);
        foreach (var group in instances.GroupBy(i => i.SopClassUid))
        {
            var batch = Assert.Single(batches, b => b.Any(i => i.SopClassUid == group.Key));
            Assert.Equal(group, batch.Where(i => i.SopClassUid == group.Key));
        }
    }

    /// <summary>150 SOP classes need 300 contexts: three associations to the destination, one after the other, counted as one move.</summary>
    [Fact]
    public async Task MoveNeedingMoreContextsThanOneAssociationCarriesGoesOverSeveralInSequence()
    {
        var instances = Synthetic(150);
        var store = new TestHandlers.MemoryStoreHandler();
        var associations = new HashSet<string>(StringComparer.Ordinal);
        await using var destination = await StartAsync(
            new DicomServerHandlers { Store = new RecordingStore(store, associations) },
            o => o with { AETitle = "DEST", StorageSopClasses = [.. instances.Select(i => i.SopClassUid)] });
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", destination.LocalEndPoint!.Port)]);
        await using var server = await StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler(instances), ApplicationEntities = table });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));
        var progress = new List<SubOperationCounts>();

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", TestHandlers.Study(string.Empty, "1.2.3"), new SynchronousProgress<SubOperationCounts>(progress.Add), Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(new SubOperationCounts(0, 150, 0, 0), result.Counts);
        Assert.Equal(149, progress.Count);
        Assert.Equal(Enumerable.Range(1, 149).Select(done => new SubOperationCounts((ushort)(150 - done), (ushort)done, 0, 0)), progress);
        Assert.Equal(instances.Select(i => i.SopInstanceUid), store.Received.Select(r => r.SopInstanceUid));
        Assert.Equal(3, associations.Count);
    }

    /// <summary>
    /// The C-GET requestor proposes the storage contexts (PS3.4 C.4.3): an instance of a SOP class it did not propose is a
    /// failed sub-operation, named in the Failed SOP Instance UID List; the others arrive (B000H).
    /// </summary>
    [Fact]
    public async Task GetOfInstancesWhoseSopClassTheRequestorDidNotProposeFailsThoseSubOperations()
    {
        var known = Synthetic(1, sopClass: _ => DicomUids.SecondaryCaptureImageStorage);
        var unknown = Synthetic(2);
        await using var server = await StartAsync(new DicomServerHandlers { Get = new TestHandlers.RetrieveHandler([unknown[0], known[0], unknown[1]]) });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.ForGet());
        var store = new TestHandlers.MemoryStoreHandler();

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), store, null, Cancel());

        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, result.Status);
        Assert.Equal(new SubOperationCounts(0, 1, 2, 0), result.Counts);
        Assert.Equal(unknown.Select(i => i.SopInstanceUid), result.FailedSopInstanceUids);
        Assert.Equal([known[0].SopInstanceUid], store.Received.Select(r => r.SopInstanceUid));
    }

    /// <summary>
    /// An instance known by its index entry and Part 10 source only (as the archive's are) has its header read when sent:
    /// dx_mono1's odd-length Pixel Data (PS3.5 7.1) goes re-encoded with its padding byte, ct_small byte for byte.
    /// </summary>
    [Fact]
    public async Task Part10SourceIsCheckedWhenSentAndRepairedWhenItHasOddLengthValues()
    {
        var odd = FromPart10(Dcmtk.Corpus("dx_mono1.dcm"));
        var clean = FromPart10(Dcmtk.Corpus("ct_small_evrle.dcm"));
        await using var server = await StartAsync(new DicomServerHandlers { Get = new TestHandlers.RetrieveHandler([odd, clean]) });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.ForGet(transferSyntaxes: [DimseUids.ExplicitVRLittleEndian]));
        var store = new TestHandlers.MemoryStoreHandler();

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), store, null, Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        var original = await DicomFile.OpenAsync(Dcmtk.Corpus("dx_mono1.dcm"));
        Assert.Contains(original.Deviations, d => d.Tag == DicomTags.PixelData);
        var (repaired, deviations) = Read(store.Received[0].Bytes);
        Assert.Empty(deviations);
        Assert.True(store.Received[0].Bytes.Length % 2 == 0);
        var sent = repaired.GetValues<byte>(DicomTags.PixelData);
        var stored = original.Dataset.GetValues<byte>(DicomTags.PixelData);
        Assert.Equal(stored.Length + 1, sent.Length);
        Assert.Equal(stored, sent[..stored.Length]);
        Assert.Equal(original.Dataset.GetString(DicomTags.SOPInstanceUID), repaired.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(Dcmtk.DataSetOf(Dcmtk.Corpus("ct_small_evrle.dcm")), store.Received[1].Bytes);
    }

    private static DicomInstanceSource FromPart10(string path)
    {
        var file = DicomFile.Open(path);
        return new DicomInstanceSource(
            file.Dataset.GetString(DicomTags.SOPClassUID)!,
            file.Dataset.GetString(DicomTags.SOPInstanceUID)!,
            file.TransferSyntax.Uid,
            _ => ValueTask.FromResult<Stream>(new MemoryStream(Dcmtk.DataSetOf(path))),
            Part10: new FileBulkDataSource(path));
    }

    private static (DicomDataset DataSet, IReadOnlyList<DicomDeviation> Deviations) Read(byte[] bytes)
    {
        var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, true));
        return (reader.Dataset, reader.Deviations);
    }

    /// <summary>One small Explicit VR Little Endian instance per SOP class, each of its own class unless <paramref name="sopClass"/> says.</summary>
    private static List<DicomInstanceSource> Synthetic(int count, string prefix = "1", Func<int, string>? sopClass = null) =>
        [.. Enumerable.Range(0, count).Select(n =>
        {
            var uid = $"1.2.826.0.1.3680043.2.1143.{prefix}.{n + 1}";
            var data = new DicomDataset();
            data.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, sopClass?.Invoke(n) ?? PrivateSopClass(n));
            data.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid);
            data.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Batch^Test");
            var bytes = new MemoryStream();
            new DicomWriter(DicomTransferSyntax.ExplicitVRLittleEndian).Write(bytes, data);
            return new DicomInstanceSource(data.GetString(DicomTags.SOPClassUID)!, uid, DimseUids.ExplicitVRLittleEndian, _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes.ToArray())));
        })];

    /// <summary>Stores as <see cref="TestHandlers.MemoryStoreHandler"/> and notes each association by the requestor's address and port.</summary>
    private sealed class RecordingStore(TestHandlers.MemoryStoreHandler inner, HashSet<string> associations) : IStoreHandler
    {
        public ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            lock (associations)
            {
                associations.Add(context.Association.RemoteEndPoint!.ToString()!);
            }

            return inner.OnCStoreAsync(context, dataSet, cancellationToken);
        }
    }
}
