using System.Security.Cryptography;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.IO;

/// <summary>Bulk data goes from its source to the output through one pooled buffer, never through an array of its size.</summary>
/// <remarks>Not run in parallel with other tests: the async measurement reads a process-wide counter.</remarks>
[Collection(AllocationMeasurements.Name)]
public sealed class WriterBulkDataTests : IDisposable
{
    /// <summary>64 MiB: a large multi-frame, 1,000 times the pooled buffer.</summary>
    private const int BulkLength = 64 * 1024 * 1024;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tessera-bulk-{Guid.NewGuid():N}.bin");

    private readonly ITestOutputHelper _output;

    public WriterBulkDataTests(ITestOutputHelper output)
    {
        _output = output;
        using var file = File.Create(_path);
        var chunk = new byte[1024 * 1024];
        for (var i = 0; i < BulkLength / chunk.Length; i++)
        {
            new Random(i).NextBytes(chunk);
            file.Write(chunk);
        }
    }

    public void Dispose() => File.Delete(_path);

    private DicomDataset DatasetWithBulkPixelData()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.12345");
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Bulk^Data");
        dataset.Add(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, new DicomValue(new DicomBulkDataReference(new FileBulkDataSource(_path), 0, BulkLength))));
        return dataset;
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.2")]
    [InlineData("1.2.840.10008.1.2")]
    public void Writing_64_MiB_of_bulk_data_allocates_less_than_256_KiB(string uid)
    {
        var syntax = Syntaxes.Native.Single(s => s.Uid == uid);
        var dataset = DatasetWithBulkPixelData();
        var sink = new CountingStream();
        DicomFileWriter.Write(sink, null, dataset, syntax);

        sink = new CountingStream();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        DicomFileWriter.Write(sink, null, dataset, syntax);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"{syntax}: {watch.Elapsed.TotalMilliseconds:F0} ms from file to sink");

        _output.WriteLine($"{syntax}: {allocated:N0} bytes allocated writing {sink.Length:N0} bytes");
        Assert.True(sink.Length > BulkLength, $"{sink.Length} bytes written");
        Assert.True(allocated < 256 * 1024, $"{allocated:N0} bytes allocated to write {BulkLength:N0} bytes of bulk data");
    }

    [Fact]
    public async Task Async_writing_of_bulk_data_allocates_little_too()
    {
        var dataset = DatasetWithBulkPixelData();
        await DicomFileWriter.WriteAsync(new CountingStream(), null, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await DicomFileWriter.WriteAsync(new CountingStream(), null, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        _output.WriteLine($"async: {allocated:N0} bytes allocated (process-wide)");

        // Process-wide counter (continuations hop threads): runtime background work adds noise, hence the looser bound.
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Bulk_data_reaches_the_file_intact_and_big_endian_swaps_it()
    {
        var dataset = DatasetWithBulkPixelData();
        var expected = SHA256.HashData(File.ReadAllBytes(_path));
        foreach (var syntax in new[] { DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian })
        {
            var output = _path + ".dcm";
            DicomFileWriter.Save(output, null, dataset, syntax);
            try
            {
                var back = DicomFile.Open(output);
                var value = ((DicomValueElement)back.Dataset[DicomTags.PixelData]!).Value;
                Assert.Equal(BulkLength, value.Length);
                using var stream = value.IsBulkData ? value.OpenRead() : new MemoryStream(value.Memory.ToArray());
                Assert.Equal(expected, SHA256.HashData(stream));
                Dcmdump.Run(output, "-M").AssertClean($"bulk data file in {syntax}");
            }
            finally
            {
                File.Delete(output);
            }
        }
    }

    /// <summary>A write-only sink that only counts.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return default;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
