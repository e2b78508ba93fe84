using System.Runtime.CompilerServices;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Tests.Services;

/// <summary>In-memory handlers for the Q/R and commitment services, recording what they were asked.</summary>
internal static class TestHandlers
{
    public static DicomDataset Study(string patientName, string studyUid)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, patientName);
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
        return ds;
    }

    public sealed class FindHandler(IReadOnlyList<DicomDataset> matches, TimeSpan delay = default) : IFindHandler
    {
        public DicomDataset? LastIdentifier { get; private set; }

        public string? LastSopClass { get; private set; }

        public Exception? Throw { get; set; }

        public int Yielded { get; private set; }

        public bool OptionalKeysSupported { get; init; } = true;

        public bool SupportsOptionalKeys(DimseRequestContext context, DicomDataset identifier) => OptionalKeysSupported;

        public async IAsyncEnumerable<DicomDataset> OnCFindAsync(DimseRequestContext context, DicomDataset identifier, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            LastIdentifier = identifier;
            LastSopClass = context.PresentationContext.AbstractSyntax;
            if (Throw is { } ex)
            {
                throw ex;
            }

            foreach (var match in matches)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                Yielded++;
                yield return match;
            }
        }
    }

    public sealed class RetrieveHandler(IReadOnlyList<DicomInstanceSource> instances) : IMoveHandler, IGetHandler
    {
        public DicomDataset? LastIdentifier { get; private set; }

        public ValueTask<IReadOnlyList<DicomInstanceSource>> OnCMoveAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken)
        {
            LastIdentifier = identifier;
            return ValueTask.FromResult(instances);
        }

        public ValueTask<IReadOnlyList<DicomInstanceSource>> OnCGetAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken)
        {
            LastIdentifier = identifier;
            return ValueTask.FromResult(instances);
        }
    }

    /// <summary>Keeps each received data set with the transfer syntax it came in.</summary>
    public sealed class MemoryStoreHandler : IStoreHandler
    {
        public List<(string SopInstanceUid, string TransferSyntax, byte[] Bytes)> Received { get; } = [];

        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            using var copy = new MemoryStream();
            await dataSet.CopyToAsync(copy, cancellationToken);
            lock (Received)
            {
                Received.Add((context.Command.AffectedSOPInstanceUID!, context.PresentationContext.TransferSyntax, copy.ToArray()));
            }

            return DimseStatus.Success;
        }
    }
}
