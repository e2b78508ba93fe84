using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Tessera.Dimse.Network;

namespace Tessera.Dimse.Tests.Network;

/// <summary>The receive side of an association on a thread of its own (<see cref="ReceiveThread"/>).</summary>
public sealed class ReceiveThreadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_reader_continues_on_the_receive_thread_and_sees_the_end_of_the_stream()
    {
        var source = new Pipe();
        var reader = ReceiveThread.Start(source.Reader.AsStream(), 1024);

        // Waiting before the bytes come: the receive thread, not a thread-pool worker, runs what follows the read.
        var reading = ReadAsync(reader);
        await source.Writer.WriteAsync(new byte[] { 1, 2, 3 });
        var (thread, bytes) = await reading.WaitAsync(Wait);
        Assert.Equal("DICOM receive", thread);
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes);

        await source.Writer.CompleteAsync();
        var result = await reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.True(result.IsCompleted);
        Assert.True(result.Buffer.IsEmpty);
    }

    private static async Task<(string? Thread, byte[] Bytes)> ReadAsync(PipeReader reader)
    {
        var result = await reader.ReadAsync().ConfigureAwait(false);
        var bytes = result.Buffer.ToArray();
        reader.AdvanceTo(result.Buffer.End);
        return (Thread.CurrentThread.Name, bytes);
    }

    [Fact]
    public async Task A_PDU_larger_than_the_back_pressure_threshold_is_buffered_whole()
    {
        // The PDU framer consumes nothing of a PDU until all of it is there: a pipe that paused its writer at 1 MiB would
        // never deliver a 4 MiB PDU.
        const int length = 4 * 1024 * 1024;
        var source = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var reader = ReceiveThread.Start(source.Reader.AsStream(), length);
        var writing = Task.Run(async () =>
        {
            await source.Writer.WriteAsync(new byte[length + 6]);
            await source.Writer.CompleteAsync();
        });

        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Wait);
            if (result.Buffer.Length >= length + 6)
            {
                break;
            }

            Assert.False(result.IsCompleted);
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        await writing.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_error_of_the_stream_reaches_the_reader()
    {
        var reader = ReceiveThread.Start(new FailingStream(), 1024);
        await Assert.ThrowsAsync<IOException>(async () => await reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    [Fact]
    public async Task Closing_the_socket_under_a_waiting_read_ends_it()
    {
        using var connection = await Connection.OpenAsync();
        var stream = connection.Stream;
        var reader = ReceiveThread.Start(stream, 1024);
        var read = reader.ReadAsync().AsTask();
        await Task.Delay(100);
        Assert.False(read.IsCompleted);

        // The peer stays connected and silent: only the close ends the read (at the next poll, within a second), as the
        // end of the stream or with the error of a closed socket, depending on where the close finds the thread.
        await stream.DisposeAsync();
        var ended = await Record.ExceptionAsync(async () => Assert.True((await read.WaitAsync(Wait)).IsCompleted));
        Assert.True(ended is null or ObjectDisposedException or IOException or SocketException, ended?.ToString());
    }

    [Fact]
    public async Task A_read_after_the_association_closed_the_stream_is_its_end_not_an_error()
    {
        // Every association ends so (its receive thread reads once more after the release): no exception to unwind.
        using var connection = await Connection.OpenAsync();
        var stream = connection.Stream;
        await stream.DisposeAsync();

        Assert.Equal(0, stream.Read(new byte[16]));
    }

    /// <summary>An accepted loopback connection, its peer connected and silent, the accepted side as an association's stream.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly TcpClient _peer;
        private readonly Socket _accepted;

        private Connection(TcpListener listener, TcpClient peer, Socket accepted) =>
            (_listener, _peer, _accepted, Stream) = (listener, peer, accepted, new QuickAckNetworkStream(accepted));

        public QuickAckNetworkStream Stream { get; }

        public static async Task<Connection> OpenAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var peer = new TcpClient();
            await peer.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            return new Connection(listener, peer, await listener.AcceptSocketAsync());
        }

        public void Dispose()
        {
            Stream.Dispose();
            _accepted.Dispose();
            _peer.Dispose();
            _listener.Dispose();
        }
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
