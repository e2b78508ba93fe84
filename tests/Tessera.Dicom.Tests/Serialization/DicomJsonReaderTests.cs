using System.Text;
using Tessera.Dicom.Serialization;
using static Tessera.Dicom.Tests.Serialization.TestDatasets;

namespace Tessera.Dicom.Tests.Serialization;

public class DicomJsonReaderTests
{
    /// <summary>After the study example of PS3.18 F.2.1.1.2: unsorted members, UTF-8, a private UN, a sequence.</summary>
    private const string StandardExample = """
        {
          "0020000D": { "vr": "UI", "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ] },
          "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
          "00080020": { "vr": "DA", "Value": [ "20130409" ] },
          "00080030": { "vr": "TM", "Value": [ "131600.0000" ] },
          "00080050": { "vr": "SH", "Value": [ "11235813" ] },
          "00080056": { "vr": "CS", "Value": [ "ONLINE" ] },
          "00080061": { "vr": "CS", "Value": [ "CT", "PET" ] },
          "00080090": { "vr": "PN", "Value": [ { "Alphabetic": "^Bob^^Dr." } ] },
          "00090010": { "vr": "LO", "Value": [ "Vendor A" ] },
          "00091002": { "vr": "UN", "InlineBinary": "z0x9c8v7" },
          "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東" } ] },
          "00100020": { "vr": "LO", "Value": [ "12345" ] },
          "00100021": { "vr": "LO", "Value": [ "Hospital A" ] },
          "00100030": { "vr": "DA", "Value": [ "19670701" ] },
          "00100040": { "vr": "CS", "Value": [ "M" ] },
          "00101002": { "vr": "SQ", "Value": [
              { "00100020": { "vr": "LO", "Value": [ "54321" ] }, "00100021": { "vr": "LO", "Value": [ "Hospital B" ] } },
              { "00100020": { "vr": "LO", "Value": [ "24680" ] }, "00100021": { "vr": "LO", "Value": [ "Hospital C" ] } } ] },
          "00201206": { "vr": "IS", "Value": [ 4 ] },
          "00201208": { "vr": "IS", "Value": [ 942 ] }
        }
        """;

    private static DicomDataset Read(string json, DicomJsonReaderOptions? options = null) =>
        new DicomJsonReader(options).Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_the_PS3_18_study_example()
    {
        var dataset = Read(StandardExample);
        Assert.Equal("1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873", dataset.GetString(new DicomTag(0x0020, 0x000D)));
        Assert.Equal(["CT", "PET"], dataset.GetStrings(new DicomTag(0x0008, 0x0061)));
        Assert.Equal("^Bob^^Dr.", dataset.GetString(new DicomTag(0x0008, 0x0090)));
        Assert.Equal("Wang^XiaoDong=王^小東", dataset.GetString(PatientName));
        Assert.Equal("Wang^XiaoDong=王^小東"u8.ToArray(), ((DicomValueElement)dataset[PatientName]!).Value.Memory.ToArray());
        Assert.Equal(Convert.FromBase64String("z0x9c8v7"), ((DicomValueElement)dataset[new DicomTag(0x0009, 0x1002)]!).Value.Memory.ToArray());
        Assert.Equal("942", dataset.GetString(new DicomTag(0x0020, 0x1208)));
        var items = ((DicomSequence)dataset[new DicomTag(0x0010, 0x1002)]!).Items;
        Assert.Equal(2, items.Count);
        Assert.Equal("Hospital C", items[1].GetString(new DicomTag(0x0010, 0x0021)));
        Assert.Equal("ISO_IR 192", dataset.GetString(SpecificCharacterSet));
    }

    [Fact]
    public void Non_ASCII_text_without_a_character_set_gets_ISO_IR_192()
    {
        var dataset = Read("""{ "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Müller^Jürgen" } ] } }""");
        Assert.Equal("ISO_IR 192", dataset.GetString(SpecificCharacterSet));
        Assert.Equal("Müller^Jürgen", dataset.GetString(PatientName));
    }

    [Fact]
    public void ASCII_text_without_a_character_set_gets_none()
    {
        var dataset = Read("""{ "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Doe^Jane" } ] } }""");
        Assert.False(dataset.Contains(SpecificCharacterSet));
    }

    [Fact]
    public void Text_is_encoded_in_the_declared_character_set_wherever_it_is_declared()
    {
        var dataset = Read("""
            { "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Müller" } ] },
              "00080005": { "vr": "CS", "Value": [ "ISO_IR 100" ] } }
            """);
        Assert.Equal("ISO_IR 100", dataset.GetString(SpecificCharacterSet));
        Assert.Equal(Encoding.Latin1.GetBytes("Müller"), ((DicomValueElement)dataset[PatientName]!).Value.Memory.ToArray());
    }

    [Fact]
    public void Text_the_declared_set_cannot_hold_switches_the_dataset_to_UTF_8_and_says_so()
    {
        var deviations = new List<DicomDeviation>();
        var dataset = Read("""
            { "00080005": { "vr": "CS", "Value": [ "ISO_IR 100" ] },
              "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Wang", "Ideographic": "王" } ] } }
            """, new DicomJsonReaderOptions { OnDeviation = deviations.Add });
        Assert.Equal("ISO_IR 192", dataset.GetString(SpecificCharacterSet));
        Assert.Equal("Wang=王", dataset.GetString(PatientName));
        Assert.Single(deviations);
    }

    [Fact]
    public void Members_may_come_in_any_order()
    {
        var dataset = Read("""{ "00280010": { "Value": [ 512 ], "vr": "US" }, "00180050": { "Value": [ 2.5 ], "vr": "DS" } }""");
        Assert.Equal((ushort)512, dataset.GetValue<ushort>(Rows));
        Assert.Equal("2.5", dataset.GetString(SliceThickness));
    }

    [Fact]
    public void Numbers_become_the_binary_or_text_their_VR_needs()
    {
        var dataset = Read("""
            {
              "00180050": { "vr": "DS", "Value": [ 0.30000000000000004, 1e-7, "1.50" ] },
              "00200011": { "vr": "IS", "Value": [ 12, 1e3, null, "7" ] },
              "00280122": { "vr": "FL", "Value": [ 1.5, "NaN", "-Infinity" ] },
              "00409225": { "vr": "FD", "Value": [ 0.1, "Infinity" ] },
              "00091001": { "vr": "SV", "Value": [ -9223372036854775808, "42" ] },
              "00091002": { "vr": "UV", "Value": [ 18446744073709551615 ] },
              "00091003": { "vr": "SS", "Value": [ -3 ] },
              "00091004": { "vr": "UL", "Value": [ 4294967295 ] },
              "00091005": { "vr": "SL", "Value": [ -2147483648 ] },
              "00280009": { "vr": "AT", "Value": [ "00181063", "0028000A" ] }
            }
            """);
        Assert.Equal(["0.3", "1e-7", "1.50"], dataset.GetStrings(SliceThickness));
        Assert.Equal(["12", "1000", "", "7"], dataset.GetStrings(SeriesNumber));
        var floats = dataset.GetValues<float>(FloatPixelPaddingValue);
        Assert.Equal(1.5f, floats[0]);
        Assert.True(float.IsNaN(floats[1]));
        Assert.Equal(float.NegativeInfinity, floats[2]);
        Assert.Equal([0.1, double.PositiveInfinity], dataset.GetValues<double>(RealWorldValueSlope));
        Assert.Equal([long.MinValue, 42L], dataset.GetValues<long>(new DicomTag(0x0009, 0x1001)));
        Assert.Equal([ulong.MaxValue], dataset.GetValues<ulong>(new DicomTag(0x0009, 0x1002)));
        Assert.Equal([(short)-3], dataset.GetValues<short>(new DicomTag(0x0009, 0x1003)));
        Assert.Equal([uint.MaxValue], dataset.GetValues<uint>(new DicomTag(0x0009, 0x1004)));
        Assert.Equal([int.MinValue], dataset.GetValues<int>(new DicomTag(0x0009, 0x1005)));
        Assert.Equal([(ushort)0x0018, (ushort)0x1063, (ushort)0x0028, (ushort)0x000A], dataset.GetValues<ushort>(FrameIncrementPointer));
    }

    [Theory]
    [InlineData("""{ "00280010": { "vr": "US", "Value": [ 65536 ] } }""")]
    [InlineData("""{ "00280010": { "vr": "US", "Value": [ null ] } }""")]
    [InlineData("""{ "00200011": { "vr": "IS", "Value": [ 1.5 ] } }""")]
    [InlineData("""{ "0028001": { "vr": "US" } }""")]
    [InlineData("""{ "00280010": { "vr": "XX" } }""")]
    [InlineData("""{ "7FE00010": { "vr": "OB", "Value": [ 1 ] } }""")]
    [InlineData("""{ "7FE00010": { "vr": "OB", "InlineBinary": "not base64!" } }""")]
    [InlineData("""{ "00100010": { "vr": "PN", "Value": [ "Doe" ] """)]
    [InlineData("""{ "00100010": { "vr": "PN" } } trailing""")]
    [InlineData("")]
    public void Bad_input_throws_DicomException(string json)
    {
        Assert.Throws<DicomException>(() => Read(json));
    }

    [Fact]
    public void Sequence_depth_is_bounded()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            json.Append("""{ "00081115": { "vr": "SQ", "Value": [ """);
        }

        json.Append("{}");
        for (var i = 0; i < 10; i++)
        {
            json.Append(" ] } }");
        }

        Assert.NotNull(Read(json.ToString(), new DicomJsonReaderOptions { MaxSequenceDepth = 10 }));
        Assert.Throws<DicomException>(() => Read(json.ToString(), new DicomJsonReaderOptions { MaxSequenceDepth = 9 }));
    }

    [Fact]
    public void A_missing_vr_is_taken_from_the_dictionary_and_reported()
    {
        var deviations = new List<DicomDeviation>();
        var dataset = Read("""{ "00280010": { "Value": [ 512 ] } }""", new DicomJsonReaderOptions { OnDeviation = deviations.Add });
        Assert.Equal(DicomVR.US, dataset[Rows]!.VR);
        Assert.Equal(Rows, Assert.Single(deviations).Tag);
    }

    [Fact]
    public void Bulk_data_URIs_go_to_the_resolver_or_are_left_empty_and_reported()
    {
        const string json = """{ "7FE00010": { "vr": "OW", "BulkDataURI": "https://pacs/bulk/1" } }""";
        var resolved = Read(json, new DicomJsonReaderOptions { BulkDataUriResolver = uri => new DicomValue(Encoding.ASCII.GetBytes(uri)) });
        Assert.Equal("https://pacs/bulk/1"u8.ToArray(), ((DicomValueElement)resolved[PixelData]!).Value.Memory.ToArray());

        var deviations = new List<DicomDeviation>();
        var unresolved = Read(json, new DicomJsonReaderOptions { OnDeviation = deviations.Add });
        Assert.Equal(0, ((DicomValueElement)unresolved[PixelData]!).Length);
        Assert.Single(deviations);
    }

    [Fact]
    public void Arrays_of_datasets_are_read_as_QIDO_RS_returns_them()
    {
        var datasets = new DicomJsonReader().ReadArray("""[ { "00100020": { "vr": "LO", "Value": [ "1" ] } }, {} ]"""u8);
        Assert.Equal(2, datasets.Count);
        Assert.Equal("1", datasets[0].GetString(PatientID));
        Assert.Equal(0, datasets[1].Count);
    }

    [Fact]
    public void Empty_attributes_and_empty_items_survive()
    {
        var dataset = Read("""{ "00100020": { "vr": "LO" }, "00081115": { "vr": "SQ", "Value": [ {} ] }, "00400275": { "vr": "SQ" } }""");
        Assert.Equal(0, ((DicomValueElement)dataset[PatientID]!).Length);
        Assert.Empty(Assert.Single(((DicomSequence)dataset[ReferencedSeriesSequence]!).Items));
        Assert.Empty(((DicomSequence)dataset[new DicomTag(0x0040, 0x0275)]!).Items);
    }
}
