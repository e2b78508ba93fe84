using Tessera.Dicom.IO;

namespace Tessera.Dicom.Tests.IO;

public sealed class InlineWriteFileStreamTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-inline-write-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AsynchronousWritesCompleteBeforeTheyReturnAndLandInOrder()
    {
        var path = Path.Combine(_folder, "a.bin");
        var small = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var large = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        await using (var stream = new InlineWriteFileStream(path, FileShare.Read, 64 * 1024))
        {
            // Buffered (shorter than the buffer) and direct (longer) writes alike finish on this thread, in the call.
            var first = stream.WriteAsync(small);
            Assert.True(first.IsCompletedSuccessfully);
            var second = stream.WriteAsync(large);
            Assert.True(second.IsCompletedSuccessfully);
            Assert.True(stream.FlushAsync().IsCompletedSuccessfully);

            // FileShare.Read: the file can be read while it is being written, and holds everything written so far.
            Assert.Equal(small.Concat(large), await File.ReadAllBytesAsync(path));
        }
    }

    [Fact]
    public async Task ACancelledWriteWritesNothing()
    {
        var path = Path.Combine(_folder, "b.bin");
        await using var stream = new InlineWriteFileStream(path, FileShare.Read, 0);
        var write = stream.WriteAsync(new byte[10], new CancellationToken(canceled: true));
        Assert.True(write.IsCanceled);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public async Task AFailedWriteFaultsTheTaskInsteadOfThrowingFromTheCall()
    {
        var stream = new InlineWriteFileStream(Path.Combine(_folder, "c.bin"), FileShare.None, 0);
        await stream.DisposeAsync();

        // Callers that start a write and await it later see the failure where they await, as with FileStream.
        var write = stream.WriteAsync(new byte[10]);
        Assert.True(write.IsFaulted);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await write);
    }

    [Fact]
    public void AnExistingFileIsNeverOverwritten()
    {
        var path = Path.Combine(_folder, "d.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<IOException>(() => new InlineWriteFileStream(path, FileShare.None, 0));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }
}
