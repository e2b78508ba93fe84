using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;

namespace Tessera.Dimse.Tests.Network;

/// <summary>A large C-STORE crosses the whole stack, both sides in this process, without the data set ever being held in memory.</summary>
public sealed class StreamingMemoryTests
{
    [Fact]
    public async Task A256MiBStoreKeepsTheManagedHeapSmall()
    {
        var handler = new ServerFixture.CountingStoreHandler();
        await using var server = await ServerFixture.StartAsync(handler);
        await using var client = await DicomClient.ConnectAsync(ServerFixture.Client(server, ServerFixture.CtImageStorage));
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                await Task.Delay(5);
            }
        });
        const long length = 256L * 1024 * 1024;
        var status = await client.StoreAsync(ServerFixture.CtImageStorage, "1.2.3.4.5", new PatternStream(length), CancellationToken.None);
        await sampling.CancelAsync();
        await sampler;
        Assert.Equal(DimseStatus.Success, status);
        Assert.Equal([length], handler.Lengths);

        // Uncollected garbage counts too, so this is generous; a buffered data set would be 256 MiB.
        Assert.True(peak < 96L * 1024 * 1024, $"managed heap grew by {peak / (1024 * 1024)} MiB");
        await client.ReleaseAsync(CancellationToken.None);
    }
}
