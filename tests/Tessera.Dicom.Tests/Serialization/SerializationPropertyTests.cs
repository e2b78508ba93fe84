using System.Globalization;
using System.Text;
using CsCheck;
using Tessera.Dicom.Serialization;

namespace Tessera.Dicom.Tests.Serialization;

/// <summary>Random datasets survive dataset → JSON → dataset and dataset → XML → dataset (CsCheck).</summary>
public class SerializationPropertyTests
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["ABCXYZabc0129 -._"], 1, 12].Select(s => s.Trim()).Where(s => s.Length > 0);

    private static readonly Gen<string> UnicodeWord = Gen.String[Gen.Char["AbcÄöüßéñ山田太郎やまだΩЖ"], 1, 10];

    /// <summary>One element of a random VR with a value that VR can hold.</summary>
    private static Gen<Action<DicomDataset, ushort>> Element(bool unicode) => Gen.OneOf(
        Word.Array[1, 3].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.CS, [.. v.Select(x => x.ToUpperInvariant().Replace('.', '_').Replace('-', '_'))]))),
        (unicode ? UnicodeWord : Word).Array[1, 3].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.LO, v))),
        (unicode ? UnicodeWord : Word).Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.UT, " " + v + "\\x\r\n"))),
        Gen.Select(Word, Word, unicode ? UnicodeWord : Word).Select((f, g, i) => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.PN, $"{f}^{g}={i}"))),
        Gen.Double[-1e6, 1e6].Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) =>
            d.AddOrUpdate(Private(e), DicomVR.DS, [.. v.Select(x => DicomNumberText.FormatDecimalString(x))]))),
        Gen.Int.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) =>
            d.AddOrUpdate(Private(e), DicomVR.IS, [.. v.Select(x => (x / 10).ToString(CultureInfo.InvariantCulture))]))),
        Gen.UShort.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.US, v))),
        Gen.Short.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.SS, v))),
        Gen.UInt.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.UL, v))),
        Gen.Int.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.SL, v))),
        Gen.Long.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.SV, v))),
        Gen.ULong.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.UV, v))),
        Gen.Double.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.FD, [.. v.Select(Canonical)]))),
        Gen.Float.Array[1, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.FL, [.. v.Select(x => float.IsNaN(x) ? float.NaN : x)]))),
        Gen.UShort.Array[2, 4].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.AddOrUpdate(Private(e), DicomVR.AT, v.Length % 2 == 0 ? v : v[..^1]))),
        Gen.Byte.Array[0, 40].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.Add(new DicomValueElement(Private(e), DicomVR.OB, v)))),
        Gen.Byte.Array[0, 40].Select(v => (Action<DicomDataset, ushort>)((d, e) => d.Add(new DicomValueElement(Private(e), DicomVR.UN, v)))));

    /// <summary>NaN has many bit patterns; the models carry one ("NaN"), so the generator uses that one.</summary>
    private static double Canonical(double value) => double.IsNaN(value) ? double.NaN : value;

    /// <summary>Private elements of one creator block (0009,10xx), so any VR is legal for any element.</summary>
    private static DicomTag Private(ushort element) => new(0x0009, (ushort)(0x1000 | element));

    private static Gen<DicomDataset> Dataset(bool unicode, int depth) =>
        Gen.Select(Element(unicode).Array[0, 12], depth > 0 ? Dataset(unicode, depth - 1).Array[0, 3] : Gen.Const(Array.Empty<DicomDataset>()))
            .Select((elements, items) =>
            {
                var dataset = new DicomDataset();
                if (unicode)
                {
                    dataset.AddOrUpdate(new DicomTag(0x0008, 0x0005), DicomVR.CS, "ISO_IR 192");
                }

                dataset.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "TESSERA TEST");
                for (var i = 0; i < elements.Length; i++)
                {
                    elements[i](dataset, (ushort)(i + 1));
                }

                if (items.Length > 0)
                {
                    dataset.Add(new DicomSequence(new DicomTag(0x0009, 0x10FF), items));
                }

                return dataset;
            });

    private static readonly Gen<DicomDataset> Datasets = Gen.Bool.SelectMany(unicode => Dataset(unicode, 2));

    [Fact]
    public void Json_round_trip_preserves_random_datasets()
    {
        Datasets.Sample(dataset =>
        {
            var json = new DicomJsonWriter().SerializeToUtf8Bytes(dataset);
            DatasetAssert.Equivalent(dataset, new DicomJsonReader().Read(json));
        }, iter: 300);
    }

    [Fact]
    public void Xml_round_trip_preserves_random_datasets()
    {
        Datasets.Sample(dataset =>
        {
            var xml = new DicomXmlWriter().Serialize(dataset);
            DatasetAssert.Equivalent(dataset, new DicomXmlReader().Read(xml));
        }, iter: 300);
    }

    [Fact]
    public void DS_text_to_JSON_number_is_valid_JSON_with_the_same_value()
    {
        Gen.Select(Gen.Double[-1e300, 1e300], Gen.Int[0, 3]).Sample((value, style) =>
        {
            var text = style switch
            {
                0 => DicomNumberText.FormatDecimalString(value),
                1 => "+" + DicomNumberText.FormatDecimalString(Math.Abs(value)),
                2 => DicomNumberText.FormatDecimalString(value).Replace("0.", ".", StringComparison.Ordinal),
                _ => "00" + DicomNumberText.FormatDecimalString(Math.Abs(value)),
            };
            Span<byte> buffer = stackalloc byte[64];
            Assert.True(DicomNumberText.TryToJsonNumber(text, false, buffer, out var written), text);
            var json = Encoding.ASCII.GetString(buffer[..written]);
            var parsed = System.Text.Json.JsonDocument.Parse(json).RootElement.GetDouble();
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), parsed);
        }, iter: 2000);
    }

    [Fact]
    public void Encapsulated_value_fields_round_trip()
    {
        Gen.Select(Gen.Byte.Array[0, 16], Gen.Byte.Array[0, 50].Array[1, 5]).Sample((table, fragments) =>
        {
            var dataset = new DicomDataset();
            dataset.Add(new DicomFragmentSequence(new DicomTag(0x7FE0, 0x0010), DicomVR.OB, new DicomValue(table), fragments.Select(f => new DicomValue(f))));
            DatasetAssert.Equivalent(dataset, new DicomJsonReader().Read(new DicomJsonWriter().SerializeToUtf8Bytes(dataset)));
            DatasetAssert.Equivalent(dataset, new DicomXmlReader().Read(new DicomXmlWriter().Serialize(dataset)));
        }, iter: 300);
    }
}
