using System.Buffers;
using System.IO.Pipelines;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Tests.Transport;

public sealed class PduFramerTests
{
    private static readonly byte[] TwoPdus = [.. Hex.Parse(Tests.Pdus.PduFixtureTests.AssociateRqFixture), .. Hex.Parse("05 00 00000004 00000000")];

    [Fact]
    public void FindsAFrameOnlyWhenWhole()
    {
        var first = Hex.Parse(Tests.Pdus.PduFixtureTests.AssociateRqFixture).Length;
        for (var split = 0; split <= TwoPdus.Length; split++)
        {
            var found = PduFramer.TryReadFrame(new ReadOnlySequence<byte>(TwoPdus, 0, split), 1 << 20, out var frame);
            Assert.Equal(split >= first, found);
            if (found)
            {
                Assert.Equal(first, frame.Length);
            }
        }
    }

    [Fact]
    public async Task ResumesAtEverySplitPoint()
    {
        for (var split = 1; split < TwoPdus.Length; split++)
        {
            var pipe = new Pipe();
            var framer = new PduFramer(pipe.Reader, 1 << 20);
            await pipe.Writer.WriteAsync(TwoPdus.AsMemory(0, split));
            var reading = ReadAllAsync(framer);
            await pipe.Writer.WriteAsync(TwoPdus.AsMemory(split));
            await pipe.Writer.CompleteAsync();
            var types = await reading;
            Assert.Equal([PduType.AAssociateRq, PduType.AReleaseRq], types);
            Assert.False(framer.EndedMidPdu);
        }
    }

    [Fact]
    public async Task OneByteAtATime()
    {
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        var reading = ReadAllAsync(framer);
        foreach (var b in TwoPdus)
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(2, (await reading).Count);
    }

    [Fact]
    public async Task HostileFourGiBLengthIsRejectedFromTheHeaderAlone()
    {
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        await pipe.Writer.WriteAsync(Hex.Parse("04 00 FFFFFFFF"));
        var ex = await Assert.ThrowsAsync<PduDecodeException>(async () => await framer.ReadAsync(CancellationToken.None));
        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Contains("4294967295", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExactlyTheMaximumIsAccepted()
    {
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 4);
        await pipe.Writer.WriteAsync(Hex.Parse("06 00 00000004 00000000"));
        Assert.NotNull(await framer.ReadAsync(CancellationToken.None));
        framer.Advance();
        await pipe.Writer.WriteAsync(Hex.Parse("04 00 00000005 00000001 01"));
        await Assert.ThrowsAsync<PduDecodeException>(async () => await framer.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TruncatedPduIsReportedAsEndMidPdu()
    {
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        await pipe.Writer.WriteAsync(TwoPdus.AsMemory(0, 20));
        await pipe.Writer.CompleteAsync();
        Assert.Null(await framer.ReadAsync(CancellationToken.None));
        Assert.True(framer.EndedMidPdu);
    }

    [Fact]
    public async Task ReadIsCancellable()
    {
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        await pipe.Writer.WriteAsync(new byte[] { 1, 0 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await framer.ReadAsync(cts.Token));
    }

    [Fact]
    public async Task CancelledPendingReadEndsThePdus()
    {
        // The association cancels its receive loop's read when it closes the transport itself.
        var pipe = new Pipe();
        var framer = new PduFramer(pipe.Reader, 1 << 20);
        await pipe.Writer.WriteAsync(new byte[] { 1, 0 });
        var read = framer.ReadAsync(CancellationToken.None).AsTask();
        pipe.Reader.CancelPendingRead();
        Assert.Null(await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(framer.EndedMidPdu);
    }

    private static async Task<List<PduType>> ReadAllAsync(PduFramer framer)
    {
        var types = new List<PduType>();
        while (await framer.ReadAsync(CancellationToken.None) is { } frame)
        {
            types.Add(PduDecoder.Decode(frame).Type);
            framer.Advance();
        }

        return types;
    }
}
