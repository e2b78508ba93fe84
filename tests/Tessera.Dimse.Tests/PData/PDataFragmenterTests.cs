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

    internal static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>A stream that returns at most a few bytes per read, as a network or a slow disk may.</summary>
    internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
