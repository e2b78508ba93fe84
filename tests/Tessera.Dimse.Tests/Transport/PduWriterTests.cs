using System.IO.Pipelines;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Tests.Transport;

public sealed class PduWriterTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(4096)]
    [InlineData(100_000)]
    [InlineData(1_048_576)]
    public async Task EachPduReachesTheStreamInOneWrite(int dataLength)
    {
        var stream = new CountingStream();
        var pipeWriter = PipeWriter.Create(stream);
        using var writer = new PduWriter(pipeWriter);
        var pdu = new PDataTf([new PresentationDataValue(1, false, true, (ReadOnlyMemory<byte>)new byte[dataLength])]);
        await writer.WriteAsync(pdu, CancellationToken.None);
        await writer.WriteAsync(new AReleaseRq(), CancellationToken.None);
        Assert.Equal([PduEncoder.GetEncodedLength(pdu), 10], stream.Writes);
    }

    /// <summary>
    /// A message in 16 KB PDUs (a DCMTK peer's maximum): the PDUs marked MoreFollows go in the write of the one that ends the
    /// message, or of the one that would pass 256 KiB, so 40 PDUs take 3 writes, whole PDUs each, in order.
    /// </summary>
    [Fact]
    public async Task PDataThatMoreFollowsIsJoinedIntoFewWritesOfWholePdus()
    {
        var stream = new CountingStream();
        using var writer = new PduWriter(PipeWriter.Create(stream));
        var pdus = Enumerable.Range(0, 40)
            .Select(i => new PDataTf([new PresentationDataValue(1, false, i == 39, (ReadOnlyMemory<byte>)new byte[16378])]) { MoreFollows = i < 39 })
            .ToList();
        foreach (var pdu in pdus)
        {
            await writer.WriteAsync(pdu, CancellationToken.None);
        }

        await writer.WriteAsync(new AReleaseRq(), CancellationToken.None);

        var size = PduEncoder.GetEncodedLength(pdus[0]);
        Assert.Equal([16 * size, 16 * size, 8 * size, 10], stream.Writes);
    }

    [Fact]
    public async Task CancellingAWriteAfterTheTransportClosedIsHarmless()
    {
        // A send timeout's timer may fire after the association's shutdown completed the pipe: the cancel must not throw
        // (on a timer thread it would end the process).
        var pipeWriter = PipeWriter.Create(new CountingStream());
        using var writer = new PduWriter(pipeWriter);
        await pipeWriter.CompleteAsync();
        writer.CancelPendingWrite();
    }

    [Fact]
    public async Task HeldPDataGoesBeforeAnyOtherPdu()
    {
        var stream = new CountingStream();
        using var writer = new PduWriter(PipeWriter.Create(stream));
        var held = new PDataTf([new PresentationDataValue(1, true, true, (ReadOnlyMemory<byte>)new byte[100])]) { MoreFollows = true };

        await writer.WriteAsync(held, CancellationToken.None);
        Assert.Empty(stream.Writes);
        await writer.WriteAsync(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified), CancellationToken.None);

        Assert.Equal([PduEncoder.GetEncodedLength(held) + 10], stream.Writes);
    }

    [Fact]
    public async Task ConcurrentWritersNeverInterleave()
    {
        var pipe = new Pipe();
        using var writer = new PduWriter(pipe.Writer);
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            await writer.WriteAsync(new PDataTf([new PresentationDataValue(1, false, true, (ReadOnlyMemory<byte>)new byte[1000 + i])]), CancellationToken.None)));
        await Task.WhenAll(tasks);
        await pipe.Writer.CompleteAsync();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        var count = 0;
        while (await framer.ReadAsync(CancellationToken.None) is { } frame)
        {
            Assert.IsType<PDataTf>(PduDecoder.Decode(frame));
            framer.Advance();
            count++;
        }

        Assert.Equal(50, count);
    }

    /// <summary>Records the size of every write the pipe makes to its stream.</summary>
    private sealed class CountingStream : Stream
    {
        public List<int> Writes { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Writes.Add(count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return ValueTask.CompletedTask;
        }
    }
}
