using System.Buffers;
using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Dimse.Tests.Services;

/// <summary>Parses received data set bytes with the toolkit's reader.</summary>
internal sealed class DicomDatasetReaderHarness
{
    public DicomDatasetReaderHarness(byte[] bytes, string transferSyntaxUid)
    {
        var reader = new DicomDatasetReader(DicomTransferSyntax.Lookup(transferSyntaxUid));
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, true));
        Dataset = reader.Dataset;
    }

    public DicomDataset Dataset { get; }
}
