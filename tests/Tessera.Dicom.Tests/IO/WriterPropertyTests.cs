using CsCheck;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Support;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// Random datasets (sorted random tags, every VR, odd lengths, sequences nested up to depth 4)
/// written in every native syntax, with undefined and defined lengths, then read back by our
/// reader: the same dataset must come out (STYLE 13: a property test for every encode/decode pair).
/// </summary>
public class WriterPropertyTests
{
    private const int MaxDepth = 4;

    private static readonly DicomVR[] ValueVRs =
        [.. Enum.GetValues<DicomVR>().Where(vr => vr.IsKnown() && vr != DicomVR.SQ)];

    /// <summary>
    /// Dictionary tags with exactly one VR, by VR: in implicit VR the reader takes the VR from the
    /// dictionary, so a value is only given a tag whose VR is its own. Groups the reader or the meta
    /// treat specially (0000-0007, Specific Character Set, trailing padding, Pixel Data) are left out.
    /// </summary>
    private static readonly Dictionary<DicomVR, DicomTag[]> TagsByVR = DicomDictionary.Entries
        .Where(e => !e.IsMasked && e.ValueRepresentations.Length == 1 && e.Tag.Group >= 0x0008 && e.Tag.Group < 0xFFFA
            && !e.Tag.IsGroupLength && e.Tag != DicomTags.SpecificCharacterSet && e.Tag.Group != 0x7FE0)
        .GroupBy(e => e.ValueRepresentations[0])
        .ToDictionary(g => g.Key, g => g.Select(e => e.Tag).ToArray());

    private static readonly DicomTag[] AllValueTags = [.. TagsByVR.Where(p => p.Key != DicomVR.SQ).SelectMany(p => p.Value)];

    private static Gen<DicomTag> TagFor(DicomVR vr) =>
        vr == DicomVR.UN
            ? Gen.Frequency(
                (2, Gen.Int[0, AllValueTags.Length - 1].Select(i => AllValueTags[i])),
                (1, PrivateTag))
            : Gen.Frequency(
                (3, Gen.Int[0, TagsByVR[vr].Length - 1].Select(i => TagsByVR[vr][i])),
                (1, PrivateTag));

    /// <summary>Private data elements: implicit VR reads them back as UN with the same bytes.</summary>
    private static Gen<DicomTag> PrivateTag { get; } =
        Gen.Select(Gen.Int[0, 20], Gen.Int[0x1000, 0x10FF], (g, e) => new DicomTag((ushort)(0x0009 + (2 * g)), (ushort)e));

    private static Gen<byte[]> Text(string alphabet, int max) =>
        Gen.Byte.Array[0, max].Select(bytes => bytes.Select(b => (byte)alphabet[b % alphabet.Length]).ToArray());

    private static Gen<byte[]> ValueOf(DicomVR vr) => vr switch
    {
        DicomVR.UI => Text("0123456789.", 64),
        DicomVR.LT or DicomVR.UT or DicomVR.UC or DicomVR.UR => Text("ABCDEFGHIJ abcdefgh0123456789^\\=", 300),
        _ when vr.IsString() => Text("ABCXYZ abc019^\\-.:", 40),
        DicomVR.OB or DicomVR.UN => Gen.Byte.Array[0, 41],
        _ => Gen.Int[0, 9].SelectMany(count => Gen.Byte.Array[count * vr.ByteSwapUnit() * (vr == DicomVR.AT ? 2 : 1)]),
    };

    private static Gen<DicomElement> ValueElement { get; } =
        Gen.Int[0, ValueVRs.Length - 1].Select(i => ValueVRs[i])
            .SelectMany(vr => Gen.Select(TagFor(vr), ValueOf(vr), (tag, bytes) => (DicomElement)new DicomValueElement(tag, vr, bytes)));

    private static Gen<DicomElement> Element(int depth) =>
        depth >= MaxDepth
            ? ValueElement
            : Gen.Frequency(
                (6, ValueElement),
                (1, Gen.Select(
                    Gen.Int[0, TagsByVR[DicomVR.SQ].Length - 1].Select(i => TagsByVR[DicomVR.SQ][i]),
                    Dataset(depth + 1).Array[0, 3],
                    (tag, items) => (DicomElement)new DicomSequence(tag, items))));

    private static Gen<DicomDataset> Dataset(int depth) =>
        Element(depth).Array[0, depth == 0 ? 12 : 5].Select(elements => new DicomDataset(elements));

    private static readonly DicomDataset Meta = CreateMeta();

    private static DicomDataset CreateMeta()
    {
        var meta = new DicomDataset();
        meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "2.25.7");
        return meta;
    }

    private static string Describe(DicomDataset dataset)
    {
        var lines = new List<string>();
        void Walk(DicomDataset d, string indent)
        {
            foreach (var element in d)
            {
                lines.Add(indent + element + (element is DicomValueElement v ? " " + Convert.ToHexString(v.Value.Memory.Span) : string.Empty));
                if (element is DicomSequence s)
                {
                    foreach (var item in s.Items)
                    {
                        lines.Add(indent + "  item");
                        Walk(item, indent + "    ");
                    }
                }
            }
        }

        Walk(dataset, string.Empty);
        return string.Join('\n', lines);
    }

    [Fact]
    public void Random_datasets_round_trip_through_every_native_syntax()
    {
        Gen.Select(Dataset(0), Gen.Int[0, Syntaxes.Native.Count - 1], Gen.Bool).Sample(
            (dataset, syntaxIndex, definedLengths) =>
            {
                var syntax = Syntaxes.Native[syntaxIndex];
                using var stream = new MemoryStream();
                DicomFileWriter.Write(stream, Meta, dataset, syntax, new DicomWriteOptions { DefinedLengthSequences = definedLengths });
                stream.Position = 0;
                var back = DicomFile.Read(stream);
                Assert.Equal(syntax, back.TransferSyntax);
                DatasetAssert.Equal(dataset, back.Dataset, DatasetComparison.RoundTrip with { AllowDictionaryVR = !syntax.IsExplicitVR });
            },
            iter: 400,
            print: t => $"{Syntaxes.Native[t.Item2]}, defined lengths {t.Item3}:\n{Describe(t.Item1)}");
    }

    [Fact]
    public void Sequences_held_as_UN_come_back_as_SQ_with_the_same_items()
    {
        var sequenceTags = TagsByVR[DicomVR.SQ];
        Gen.Select(Gen.Int[0, sequenceTags.Length - 1], Dataset(1).Array[0, 3], Gen.Int[1, 2]).Sample(
            (tagIndex, items, syntaxIndex) =>
            {
                // The UN value: the items in Implicit VR Little Endian with defined lengths (PS3.5 6.2.2).
                var tag = sequenceTags[tagIndex];
                using var implicitBytes = new MemoryStream();
                new DicomWriter(DicomTransferSyntax.ImplicitVRLittleEndian, new DicomWriteOptions { DefinedLengthSequences = true })
                    .Write(implicitBytes, new DicomDataset { new DicomSequence(tag, items) });
                var dataset = new DicomDataset { new DicomValueElement(tag, DicomVR.UN, implicitBytes.ToArray()[8..]) };

                using var stream = new MemoryStream();
                DicomFileWriter.Write(stream, Meta, dataset, Syntaxes.Native[syntaxIndex]);
                stream.Position = 0;
                var back = DicomFile.Read(stream).Dataset;
                Assert.IsType<DicomSequence>(back[tag]);
                DatasetAssert.Equal(dataset, back, DatasetComparison.RoundTrip);
            },
            iter: 100);
    }

    [Fact]
    public void Measure_matches_the_bytes_written_for_random_datasets()
    {
        Gen.Select(Dataset(0), Gen.Int[0, 2], Gen.Bool).Sample(
            (dataset, syntaxIndex, definedLengths) =>
            {
                var writer = new DicomWriter(Syntaxes.Native[syntaxIndex], new DicomWriteOptions { DefinedLengthSequences = definedLengths, KeepGroupLengths = true });
                using var stream = new MemoryStream();
                writer.Write(stream, dataset);
                Assert.Equal(stream.Length, writer.Measure(dataset));
            },
            iter: 200);
    }

    [Fact]
    public void Random_encapsulated_pixel_data_round_trips()
    {
        var fragments = Gen.Byte.Array[0, 40].Array[1, 6];
        Gen.Select(Dataset(1), Gen.Int[0, 4], fragments).Sample(
            (dataset, frames, data) =>
            {
                var table = new byte[4 * frames];
                dataset.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, new DicomValue(table), data.Select(d => new DicomValue(d))));
                using var stream = new MemoryStream();
                DicomFileWriter.Write(stream, Meta, dataset, DicomTransferSyntax.RLELossless);
                stream.Position = 0;
                var back = DicomFile.Read(stream);
                DatasetAssert.Equal(dataset, back.Dataset, DatasetComparison.RoundTrip);
            },
            iter: 100);
    }
}
