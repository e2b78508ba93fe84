using System.Text;
using Tessera.Dicom.IO;

namespace Tessera.Dicom.Tests.Serialization;

/// <summary>Tags and small datasets shared by the serialization tests (the dictionary is generated elsewhere).</summary>
internal static class TestDatasets
{
    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    public static readonly DicomTag ImageType = new(0x0008, 0x0008);
    public static readonly DicomTag SOPInstanceUID = new(0x0008, 0x0018);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);
    public static readonly DicomTag ReferencedSOPInstanceUID = new(0x0008, 0x1155);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientID = new(0x0010, 0x0020);
    public static readonly DicomTag OtherPatientIDs = new(0x0010, 0x1000);
    public static readonly DicomTag PatientComments = new(0x0010, 0x4000);
    public static readonly DicomTag SliceThickness = new(0x0018, 0x0050);
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    public static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    public static readonly DicomTag FrameIncrementPointer = new(0x0028, 0x0009);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag RedPaletteColorLookupTableData = new(0x0028, 0x1201);
    public static readonly DicomTag RealWorldValueSlope = new(0x0040, 0x9225);
    public static readonly DicomTag FloatPixelPaddingValue = new(0x0028, 0x0122);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    public static readonly DicomTag GroupLength = new(0x0010, 0x0000);

    /// <summary>A value source that counts reads and the largest one, to prove values are streamed.</summary>
    public sealed class CountingSource(byte[] bytes) : IBulkDataSource
    {
        public int Reads { get; private set; }

        public int LargestRead { get; private set; }

        public string Description => "counting source";

        public Stream OpenRead() => new CountingStream(this, bytes);

        private sealed class CountingStream(CountingSource owner, byte[] bytes) : Stream
        {
            private readonly MemoryStream _inner = new(bytes, writable: false);

            public override bool CanRead => true;

            public override bool CanSeek => true;

            public override bool CanWrite => false;

            public override long Length => _inner.Length;

            public override long Position
            {
                get => _inner.Position;
                set => _inner.Position = value;
            }

            public override int Read(Span<byte> buffer)
            {
                var read = _inner.Read(buffer);
                owner.Reads++;
                owner.LargestRead = Math.Max(owner.LargestRead, read);
                return read;
            }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                ValueTask.FromResult(Read(buffer.Span));

            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

            public override void Flush()
            {
            }

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }

    public static DicomValueElement StringElement(DicomTag tag, DicomVR vr, string text) =>
        new(tag, vr, Encoding.Latin1.GetBytes(text));
}
