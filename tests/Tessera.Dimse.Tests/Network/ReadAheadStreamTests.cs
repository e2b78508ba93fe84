using Tessera.Dimse.Network;

namespace Tessera.Dimse.Tests.Network;

public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0, 16)]
    [InlineData(10, 16)]
    [InlineData(16, 16)]
    [InlineData(100_000, 4096)]
    public async Task ReadsTheBytesReadAheadThenTheRestInOrder(int length, int readAhead)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var inner = new MemoryStream(bytes);

        await using var stream = await ReadAheadStream.FillAsync(inner, readAhead, CancellationToken.None);

        // The read-ahead happened at fill time: the inner stream is past it before anything is read.
        Assert.Equal(Math.Min(length, readAhead), inner.Position);
        using var copy = new MemoryStream();
        var buffer = new byte[1000];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task DisposingClosesTheInnerStream()
    {
        var inner = new MemoryStream(new byte[100]);
        var stream = await ReadAheadStream.FillAsync(inner, 10, CancellationToken.None);

        await stream.DisposeAsync();

        Assert.False(inner.CanRead);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.ReadExactlyAsync(new byte[1]));
    }

    [Fact]
    public async Task AFailedReadClosesTheInnerStreamAndThrows()
    {
        var inner = new FailingStream();

        await Assert.ThrowsAsync<IOException>(() => ReadAheadStream.FillAsync(inner, 10, CancellationToken.None));

        Assert.True(inner.Disposed);
    }

    private sealed class FailingStream : MemoryStream
    {
        public bool Disposed { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("the disk went away"));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
