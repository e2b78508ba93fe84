using System.Buffers;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// STYLE 13: the reader gives the same data set however its input is split — at every byte
/// position into two segments, and one byte at a time.
/// </summary>
public sealed class ReaderResumptionTests
{
    /// <summary>Corpus files small enough to split at every position in a few seconds (not deflated: the driver inflates those).</summary>
    public static TheoryData<string> SmallFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in CorpusFiles.Names)
        {
            var path = CorpusFiles.PathOf(name);
            if (new FileInfo(path).Length <= 4 * 1024 && CorpusFiles.DcmdumpExit(name) == 0 && !name.Contains("deflated", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void Every_two_segment_split_gives_the_same_dataset(string name)
    {
        var (bytes, syntax, offset) = DatasetBytes(name);
        var expected = ReadWhole(name, bytes, syntax, offset);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var reader = new DicomDatasetReader(syntax, offset: offset);
            var first = new ReadOnlySequence<byte>(bytes, 0, split);
            var status = reader.Read(ref first, isFinalBlock: false);
            if (status != OperationStatus.Done)
            {
                Assert.Equal(OperationStatus.NeedMoreData, status);
                var leftover = first.ToArray();
                var second = Segments.Of(leftover, bytes.AsMemory(split));
                Assert.Equal(OperationStatus.Done, reader.Read(ref second, isFinalBlock: true));
            }

            Assert.True(expected == DatasetText.Of(reader.Dataset), $"{name}: split at {split} differs");
        }
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void One_byte_at_a_time_gives_the_same_dataset(string name)
    {
        var (bytes, syntax, offset) = DatasetBytes(name);
        var expected = ReadWhole(name, bytes, syntax, offset);
        var reader = new DicomDatasetReader(syntax, offset: offset);
        var consumed = 0L;
        for (var end = 1; end <= bytes.Length; end++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, (int)consumed, end - (int)consumed);
            var status = reader.Read(ref buffer, isFinalBlock: end == bytes.Length);
            consumed = end - buffer.Length;
            if (status == OperationStatus.Done)
            {
                break;
            }
        }

        if (!reader.IsCompleted)
        {
            var empty = ReadOnlySequence<byte>.Empty;
            reader.Read(ref empty, isFinalBlock: true);
        }

        Assert.Equal(expected, DatasetText.Of(reader.Dataset));
    }

    /// <summary>The whole input in one buffer; also checks the Part 10 driver (in-memory values) agrees.</summary>
    private static string ReadWhole(string name, byte[] bytes, DicomTransferSyntax syntax, long offset)
    {
        var reader = new DicomDatasetReader(syntax, offset: offset);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: true));
        Assert.Equal(0, buffer.Length);
        var text = DatasetText.Of(reader.Dataset);
        using var stream = File.OpenRead(CorpusFiles.PathOf(name));
        Assert.Equal(DatasetText.Of(DicomFile.Read(stream).Dataset), text);
        return text;
    }

    private static (byte[] Bytes, DicomTransferSyntax Syntax, long Offset) DatasetBytes(string name)
    {
        var path = CorpusFiles.PathOf(name);
        var file = DicomFile.Open(path);
        var all = File.ReadAllBytes(path);
        var syntax = file.TransferSyntax;
        return (all[(int)file.DatasetOffset..], syntax, file.DatasetOffset);
    }
}
