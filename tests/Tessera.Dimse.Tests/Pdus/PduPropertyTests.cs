using CsCheck;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Pdus;

/// <summary>encode → decode → encode is the identity on bytes for every PDU the encoder accepts; decoding never fails with anything but <see cref="PduDecodeException"/>.</summary>
public sealed class PduPropertyTests
{
    [Fact]
    public void EveryPduRoundTripsByteForByte() =>
        PduGenerators.AnyPdu.Sample(pdu =>
        {
            var bytes = PduEncoder.Encode(pdu);
            Assert.Equal(bytes.Length, PduEncoder.GetEncodedLength(pdu));
            var decoded = PduDecoder.Decode(bytes);
            Assert.Equal(pdu.Type, decoded.Type);
            Assert.Equal(Hex.Format(bytes), Hex.Format(PduEncoder.Encode(decoded)));
        });

    [Fact]
    public void AssociateRqFieldsSurviveRoundTrip() =>
        PduGenerators.AssociateRq.Sample(rq =>
        {
            var decoded = (AAssociateRq)PduDecoder.Decode(PduEncoder.Encode(rq));
            Assert.Equal(rq.CalledAETitle, decoded.CalledAETitle);
            Assert.Equal(rq.CallingAETitle, decoded.CallingAETitle);
            Assert.Equal(rq.PresentationContexts.Select(p => (p.Id, p.AbstractSyntax, string.Join('|', p.TransferSyntaxes))),
                decoded.PresentationContexts.Select(p => (p.Id, p.AbstractSyntax, string.Join('|', p.TransferSyntaxes))));
            Assert.Equal(rq.UserInformation.MaximumLength, decoded.UserInformation.MaximumLength);
            Assert.Equal(rq.UserInformation.RoleSelections, decoded.UserInformation.RoleSelections);
            Assert.Equal(rq.UserInformation.AsynchronousOperationsWindow, decoded.UserInformation.AsynchronousOperationsWindow);
        });

    [Fact]
    public void CorruptedPdusFailOnlyWithPduDecodeException() =>
        Gen.Select(PduGenerators.AnyPdu, Gen.Int[0, 10_000], Gen.Byte, (pdu, position, value) => (pdu, position, value))
            .Sample(t =>
            {
                var bytes = PduEncoder.Encode(t.pdu);
                bytes[t.position % bytes.Length] ^= (byte)(t.value | 1);
                try
                {
                    PduDecoder.Decode(bytes);
                }
                catch (PduDecodeException)
                {
                }
            });

    [Fact]
    public void TruncatedPdusFailWithPduDecodeException() =>
        Gen.Select(PduGenerators.AnyPdu, Gen.Int[1, 10_000], (pdu, cut) => (pdu, cut))
            .Sample(t =>
            {
                var bytes = PduEncoder.Encode(t.pdu);
                var length = bytes.Length - 1 - (t.cut % bytes.Length);
                Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(bytes.AsSpan(0, length).ToArray()));
            });
}
