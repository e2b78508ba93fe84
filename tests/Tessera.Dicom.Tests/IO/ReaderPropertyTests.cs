using System.Buffers;
using CsCheck;
using Tessera.Dicom.IO;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// STYLE 13: random data sets (leaf values, nested sequences and items of defined and undefined
/// length) encoded by the test-only encoder in each uncompressed transfer syntax read back equal.
/// </summary>
public sealed class ReaderPropertyTests
{
    private static readonly DicomVR[] LeafVRs =
    [
        DicomVR.AE, DicomVR.CS, DicomVR.DA, DicomVR.DS, DicomVR.IS, DicomVR.LO, DicomVR.LT, DicomVR.PN, DicomVR.SH,
        DicomVR.ST, DicomVR.TM, DicomVR.UI, DicomVR.UT, DicomVR.US, DicomVR.SS, DicomVR.UL, DicomVR.SL, DicomVR.FL,
        DicomVR.FD, DicomVR.OB, DicomVR.OW, DicomVR.AT,
    ];

    /// <summary>Dictionary entries with one VR, so implicit VR reads them back with the VR they were written with.</summary>
    /// <remarks>
    /// Not (0008,0005): random bytes there are Specific Character Set terms the reader rightly reports
    /// as unknown (ReaderDeviationTests covers that); this property is about structure.
    /// </remarks>
    private static readonly DicomDictionaryEntry[] Leaves = Pool(entry => LeafVRs.Contains(entry.DefaultVR) && entry.Tag != DicomTags.SpecificCharacterSet);

    private static readonly DicomDictionaryEntry[] Sequences = Pool(entry => entry.DefaultVR == DicomVR.SQ);

    private static readonly Gen<Model[]> Datasets = Elements(0);

    [Theory]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.2")]
    public void Random_datasets_read_back_equal(string transferSyntaxUid)
    {
        var syntax = DicomTransferSyntax.Lookup(transferSyntaxUid);
        Datasets.Sample(
            models =>
            {
                var encoder = new TestEncoder(syntax.IsExplicitVR, syntax.IsBigEndian);
                Encode(encoder, models);
                var reader = new DicomDatasetReader(syntax);
                var buffer = new ReadOnlySequence<byte>(encoder.ToArray());
                Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: true));
                Assert.Empty(reader.Deviations);
                Assert.Equal(DatasetText.Of(ToDataset(models)), DatasetText.Of(reader.Dataset));
            },
            iter: 300);
    }

    private static DicomDictionaryEntry[] Pool(Func<DicomDictionaryEntry, bool> predicate) =>
        DicomDictionary.Entries
            .Where(e => !e.IsMasked && e.ValueRepresentations.Length == 1 && e.Tag.Group is > 0x0002 and < 0x7FE0 && e.Tag.Element != 0)
            .Where(predicate)
            .ToArray();

    private static Gen<Model[]> Elements(int depth)
    {
        var leaves = Gen.Select(Gen.Int[0, Leaves.Length - 1], Gen.Byte.Array[0, 24], (index, raw) => Leaf(Leaves[index], raw)).Array[0, 6];
        var sequences = depth >= 2
            ? Gen.Const(Array.Empty<Model>())
            : Gen.Select(
                Gen.Int[0, Sequences.Length - 1],
                Gen.Bool,
                Gen.Select(Elements(depth + 1), Gen.Bool, (elements, undefined) => new ItemModel(elements, undefined)).Array[0, 2],
                (index, undefined, items) => new Model(Sequences[index].Tag, DicomVR.SQ, [], items, undefined)).Array[0, 2];
        return Gen.Select(leaves, sequences, (l, s) => l.Concat(s).DistinctBy(m => m.Tag).OrderBy(m => m.Tag).ToArray());
    }

    /// <summary>Turns random bytes into a valid value for the VR: whole units, even length, text VRs as letters.</summary>
    private static Model Leaf(DicomDictionaryEntry entry, byte[] raw)
    {
        var vr = entry.DefaultVR;
        var unit = Math.Max(2, vr.ByteSwapUnit());
        var length = raw.Length / unit * unit;
        var value = raw[..length];
        if (vr.IsString())
        {
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = (byte)('A' + (value[i] % 26));
            }
        }

        return new Model(entry.Tag, vr, value, null, false);
    }

    private static void Encode(TestEncoder encoder, IEnumerable<Model> models)
    {
        foreach (var model in models)
        {
            if (model.Items is null)
            {
                encoder.Element(model.Tag, model.VR, model.Value);
                continue;
            }

            var content = new TestEncoder(encoder.ExplicitVR, encoder.BigEndian);
            foreach (var item in model.Items)
            {
                var itemContent = new TestEncoder(encoder.ExplicitVR, encoder.BigEndian);
                Encode(itemContent, item.Elements);
                var bytes = itemContent.ToArray();
                content.Item(item.UndefinedLength ? 0xFFFF_FFFF : (uint)bytes.Length).Raw(bytes);
                if (item.UndefinedLength)
                {
                    content.ItemDelimiter();
                }
            }

            var sequence = content.ToArray();
            encoder.Header(model.Tag, DicomVR.SQ, model.UndefinedLength ? 0xFFFF_FFFF : (uint)sequence.Length).Raw(sequence);
            if (model.UndefinedLength)
            {
                encoder.SequenceDelimiter();
            }
        }
    }

    private static DicomDataset ToDataset(IEnumerable<Model> models)
    {
        var dataset = new DicomDataset();
        foreach (var model in models)
        {
            dataset.Add(model.Items is null
                ? new DicomValueElement(model.Tag, model.VR, model.Value)
                : new DicomSequence(model.Tag, model.Items.Select(item => ToDataset(item.Elements))));
        }

        return dataset;
    }

    private sealed record Model(DicomTag Tag, DicomVR VR, byte[] Value, ItemModel[]? Items, bool UndefinedLength);

    private sealed record ItemModel(Model[] Elements, bool UndefinedLength);
}
