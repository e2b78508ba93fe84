using CsCheck;
using Tessera.Dicom;
using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Tests.Messages;

public sealed class DimseCommandCodecTests
{
    internal const string CEchoRqFixture = """
        0000 0000 04000000 38000000                   // (0000,0000) CommandGroupLength UL, length 4, value 56
        0000 0200 12000000 "1.2.840.10008.1.1" 00     // (0000,0002) AffectedSOPClassUID, 17 chars + NUL pad
        0000 0001 02000000 3000                       // (0000,0100) CommandField = 0030H C-ECHO-RQ
        0000 1001 02000000 0100                       // (0000,0110) MessageID = 1
        0000 0008 02000000 0101                       // (0000,0800) CommandDataSetType = 0101H, no data set
        """;

    [Fact]
    public void CEchoRqEncodesToFixture() =>
        Assert.Equal(Hex.Format(Hex.Parse(CEchoRqFixture)), Hex.Format(DimseCommandCodec.Encode(DimseCommands.CEchoRq(1))));

    [Fact]
    public void CEchoRqDecodesFromFixture()
    {
        var command = DimseCommandCodec.Decode(Hex.Parse(CEchoRqFixture));
        Assert.Equal(CommandField.CEchoRq, command.CommandField);
        Assert.Equal((ushort)1, command.MessageID);
        Assert.Equal(DimseUids.Verification, command.AffectedSOPClassUID);
        Assert.False(command.HasDataSet);
    }

    [Fact]
    public void CStoreRspWithErrorCommentPadsWithSpace()
    {
        var rq = DimseCommands.CStoreRq(7, "1.2.3", "1.2.3.4");
        var rsp = DimseCommands.FailureResponse(rq, DimseStatus.ProcessingFailure, "odd");
        var bytes = DimseCommandCodec.Encode(rsp);
        var decoded = DimseCommandCodec.Decode(bytes);
        Assert.Equal("odd", decoded.ErrorComment);
        Assert.Equal((ushort)0x0110, decoded.Status);
        Assert.Equal("1.2.3.4", decoded.AffectedSOPInstanceUID);
        Assert.Equal((ushort)7, decoded.MessageIDBeingRespondedTo);
        Assert.Equal(CommandField.CStoreRsp, decoded.CommandField);
        Assert.Contains(Hex.Format("odd "u8), Hex.Format(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void RetiredElementsAreSkippedAndReported()
    {
        var bytes = Hex.Parse(CEchoRqFixture + "\n 0000 0040 00000000 \n");  // (0000,4000) retired, empty
        var command = DimseCommandCodec.Decode(bytes, out var ignored);
        Assert.Equal(CommandField.CEchoRq, command.CommandField);
        Assert.Equal([new DicomTag(0x0000, 0x4000)], ignored);
    }

    [Theory]
    [InlineData("0000 0001 03000000 300000")]            // US with length 3
    [InlineData("0000 0001 FFFFFFFF 3000")]              // length beyond the buffer
    [InlineData("0000 0001 0200")]                       // truncated header
    [InlineData("0800 1800 02000000 3000")]              // group 0008 inside a command set
    [InlineData("0000 1001 02000000 0100")]              // no CommandField
    public void MalformedCommandSetsFailWithTypedException(string hex) =>
        Assert.Throws<DimseCommandException>(() => DimseCommandCodec.Decode(Hex.Parse(hex)));

    [Fact]
    public void EveryMessageRoundTrips()
    {
        var rq = DimseCommands.CStoreRq(1, "1.2", "1.2.3", DimsePriority.High, "MOVER", 9);
        var n = DimseCommands.NActionRq(3, "1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1, true);
        DimseCommand[] all =
        [
            DimseCommands.CEchoRq(1), DimseCommands.CEchoRsp(DimseCommands.CEchoRq(1), DimseStatus.Success),
            rq, DimseCommands.CStoreRsp(rq, new DimseStatus(0xB000)),
            DimseCommands.CFindRq(2, "1.2"), DimseCommands.CFindRsp(DimseCommands.CFindRq(2, "1.2"), DimseStatus.Pending),
            DimseCommands.CMoveRq(4, "1.2", "DEST"), DimseCommands.CMoveRsp(DimseCommands.CMoveRq(4, "1.2", "DEST"), DimseStatus.Pending, new SubOperationCounts(5, 1, 0, 0)),
            DimseCommands.CGetRq(5, "1.2"), DimseCommands.CGetRsp(DimseCommands.CGetRq(5, "1.2"), DimseStatus.Success, new SubOperationCounts(0, 6, 0, 0)),
            DimseCommands.CCancelRq(4),
            DimseCommands.NEventReportRq(6, "1.2", "1.2.3", 2, true), DimseCommands.NEventReportRsp(DimseCommands.NEventReportRq(6, "1.2", "1.2.3", 2, true), DimseStatus.Success),
            DimseCommands.NGetRq(7, "1.2", "1.2.3", [new DicomTag(0x0010, 0x0010), new DicomTag(0x0010, 0x0020)]),
            DimseCommands.NGetRsp(DimseCommands.NGetRq(7, "1.2", "1.2.3"), DimseStatus.Success, true),
            DimseCommands.NSetRq(8, "1.2", "1.2.3"), DimseCommands.NSetRsp(DimseCommands.NSetRq(8, "1.2", "1.2.3"), DimseStatus.Success),
            n, DimseCommands.NActionRsp(n, DimseStatus.Success),
            DimseCommands.NCreateRq(9, "1.2", null, true), DimseCommands.NCreateRsp(DimseCommands.NCreateRq(9, "1.2", null, true), DimseStatus.Success, "1.2.3.9"),
            DimseCommands.NDeleteRq(10, "1.2", "1.2.3"), DimseCommands.NDeleteRsp(DimseCommands.NDeleteRq(10, "1.2", "1.2.3"), DimseStatus.Success),
        ];
        foreach (var command in all)
        {
            var bytes = DimseCommandCodec.Encode(command);
            Assert.Equal(0, bytes.Length % 2);
            Assert.Equal(Hex.Format(bytes), Hex.Format(DimseCommandCodec.Encode(DimseCommandCodec.Decode(bytes))));
        }

        Assert.Equal((ushort)1, all[18].ActionTypeID);
    }

    [Fact]
    public void RandomCommandsRoundTrip()
    {
        var uid = Gen.Char["0123456789."].Array[1, 64].Select(c => new string(c));
        Gen.Select(Gen.Enum<CommandField>(), Gen.UShort, uid.Null(), uid.Null(), Gen.UShort.Nullable(), Gen.Bool, Gen.Char['A', 'Z'].Array[0, 64].Select(c => new string(c)).Null(),
                Gen.UInt.Array[0, 4].Select(a => a.Select(v => new DicomTag(v)).ToArray()).Null())
            .Sample((field, id, classUid, instanceUid, status, dataSet, comment, tags) =>
            {
                var command = new DimseCommand(field)
                {
                    MessageID = id,
                    AffectedSOPClassUID = classUid,
                    AffectedSOPInstanceUID = instanceUid,
                    Status = status,
                    HasDataSet = dataSet,
                    ErrorComment = comment,
                    AttributeIdentifierList = tags,
                };
                var decoded = DimseCommandCodec.Decode(DimseCommandCodec.Encode(command));
                Assert.Equal(field, decoded.CommandField);
                Assert.Equal(id, decoded.MessageID);
                Assert.Equal(classUid, decoded.AffectedSOPClassUID);
                Assert.Equal(instanceUid, decoded.AffectedSOPInstanceUID);
                Assert.Equal(status, decoded.Status);
                Assert.Equal(dataSet, decoded.HasDataSet);
                Assert.Equal(string.IsNullOrEmpty(comment) ? comment : comment.TrimEnd(), decoded.ErrorComment);
                Assert.Equal(tags, decoded.AttributeIdentifierList);
            });
    }
}
