using System.Buffers;
using CsCheck;
using Tessera.Dimse.PData;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.PData;

public sealed class PDataFragmenterTests
{
    private const uint TinyMax = 16 + 6;

    [Theory]
    [InlineData(15, 1)]  // below the fragment size
    [InlineData(16, 1)]  // exactly max: one PDU whose length field equals the peer's maximum
    [InlineData(17, 2)]  // max + 1
    [InlineData(32, 2)]
    [InlineData(33, 3)]
    [InlineData(0, 1)]   // an empty data set is one empty last fragment
    public void RespectsTheTinyMaximum(int length, int pdus)
    {
        var fragments = new PDataFragmenter(TinyMax).Fragment(1, false, new ReadOnlySequence<byte>(Bytes(length))).ToList();
        Assert.Equal(pdus, fragments.Count);
        foreach (var pdu in fragments)
        {
            var encoded = PduEncoder.Encode(pdu);
            Assert.True(encoded.Length - Pdu.HeaderLength <= TinyMax, $"PDU length {encoded.Length - Pdu.HeaderLength} > {TinyMax}");
        }

        Assert.Equal([.. Enumerable.Repeat(false, pdus - 1), true], fragments.Select(f => f.Values[0].IsLastFragment));
        Assert.Equal(Bytes(length), fragments.SelectMany(f => f.Values[0].Data.ToArray()).ToArray());
    }

    [Fact]
    public void ExactlyMaxProducesAPduWhoseLengthFieldIsTheMaximum()
    {
        var pdu = Assert.Single(new PDataFragmenter(TinyMax).Fragment(1, true, new ReadOnlySequence<byte>(Bytes(16))));
        Assert.Equal((int)TinyMax, PduEncoder.Encode(pdu).Length - Pdu.HeaderLength);
    }

    [Fact]
    public void ZeroMeansUnlimited()
    {
        var fragmenter = new PDataFragmenter(0);
        Assert.Equal(PDataFragmenter.DefaultUnlimitedFragmentLength, fragmenter.MaxFragmentLength);
        Assert.Single(fragmenter.Fragment(1, false, new ReadOnlySequence<byte>(Bytes(100_000))));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(6u)]
    public void AMaximumWithNoRoomForDataIsRefused(uint max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PDataFragmenter(max));

    [Fact]
    public async Task StreamingMatchesInMemoryFragmentationForEverySize() =>
        await Gen.Select(Gen.Int[0, 5000], Gen.UInt[7, 2000]).SampleAsync(async (length, max) =>
        {
            var data = Bytes(length);
            var fragmenter = new PDataFragmenter(max);
            var expected = fragmenter.Fragment(3, false, new ReadOnlySequence<byte>(data)).Select(p => Hex.Format(PduEncoder.Encode(p))).ToList();
            var actual = new List<string>();
            await fragmenter.SendAsync(3, false, new TrickleStream(data, 7), (pdu, _) =>
            {
                actual.Add(Hex.Format(PduEncoder.Encode(pdu)));
                return ValueTask.CompletedTask;
            }, CancellationToken.None);
            Assert.Equal(expected, actual);
        }, iter: 200);

    [Fact]
    public async Task StreamingAcrossReadBlocksMatchesInMemoryFragmentation() =>
        await Gen.Select(Gen.Int[0, 3 * PDataFragmenter.ReadBlockLength + 100], Gen.UInt[7, 2 * PDataFragmenter.ReadBlockLength]).SampleAsync(async (length, max) =>
        {
            // Data of several blocks (and sizes at their edges), fragments from a few bytes to more than a block.
            var data = Bytes(length);
            var fragmenter = new PDataFragmenter(max);
            var expected = fragmenter.Fragment(3, false, new ReadOnlySequence<byte>(data)).Select(p => (Hex.Format(PduEncoder.Encode(p)), p.Values[0].IsLastFragment)).ToList();
            var actual = new List<(string, bool)>();
            await fragmenter.SendAsync(3, false, new TrickleStream(data, 40_000), (pdu, _) =>
            {
                Assert.Equal(!pdu.Values[0].IsLastFragment, pdu.MoreFollows);
                actual.Add((Hex.Format(PduEncoder.Encode(pdu)), pdu.Values[0].IsLastFragment));
                return ValueTask.CompletedTask;
            }, CancellationToken.None);
            Assert.Equal(expected, actual);
        }, iter: 30);

    [Theory]
    [InlineData(16_384u, 16_378 * 16)]
    [InlineData(16_384u, 16_378 * 16 + 1)]
    [InlineData(16_384u, 16_378 * 32)]
    [InlineData(262_144u, 262_138 * 2)]
    public async Task DataEndingAtABlockEdgeEndsWithTheRightLastFragment(uint max, int length)
    {
        var fragmenter = new PDataFragmenter(max);
        var lasts = new List<bool>();
        var total = 0;
        await fragmenter.SendAsync(1, false, new MemoryStream(Bytes(length)), (pdu, _) =>
        {
            lasts.Add(pdu.Values[0].IsLastFragment);
            total += (int)pdu.Values[0].Data.Length;
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        Assert.Equal(length, total);
        Assert.Equal(lasts.Count - 1, lasts.FindIndex(last => last));
        Assert.Equal(fragmenter.Fragment(1, false, new ReadOnlySequence<byte>(Bytes(length))).Count(), lasts.Count);
    }

    internal static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>A stream that returns at most a few bytes per read, as a network or a slow disk may.</summary>
    internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
