using System.Text;
using System.Text.Json;
using Tessera.Dicom.IO;
using Tessera.Dicom.Serialization;
using static Tessera.Dicom.Tests.Serialization.TestDatasets;

namespace Tessera.Dicom.Tests.Serialization;

public class DicomJsonWriterTests
{
    private static JsonElement Write(DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        var json = new DicomJsonWriter(options).SerializeToUtf8Bytes(dataset);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public void Attributes_are_keyed_by_eight_upper_case_hex_digits_in_tag_order_with_their_VR()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(PatientID, DicomVR.LO, "ID-1");
        dataset.AddOrUpdate(new DicomTag(0x0009, 0x10AB), DicomVR.SH, "private");
        dataset.AddOrUpdate(SOPInstanceUID, DicomVR.UI, "1.2.3");
        var json = Write(dataset);
        Assert.Equal(["00080018", "000910AB", "00100020"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("UI", json.GetProperty("00080018").GetProperty("vr").GetString());
        Assert.Equal("1.2.3", json.GetProperty("00080018").GetProperty("Value")[0].GetString());
        Assert.Equal("private", json.GetProperty("000910AB").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public void Group_length_is_left_out_as_PS3_18_F_2_2_requires()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<uint>(GroupLength, DicomVR.UL, 12);
        dataset.AddOrUpdate(PatientID, DicomVR.LO, "ID-1");
        Assert.Equal(["00100020"], Write(dataset).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Empty_values_have_no_Value_and_empty_values_among_several_are_null()
    {
        var dataset = new DicomDataset();
        dataset.Add(StringElement(PatientID, DicomVR.LO, string.Empty));
        dataset.Add(StringElement(OtherPatientIDs, DicomVR.LO, "A\\\\B "));
        dataset.Add(StringElement(PatientComments, DicomVR.LT, "  "));
        var json = Write(dataset);
        Assert.False(json.GetProperty("00100020").TryGetProperty("Value", out _));
        Assert.False(json.GetProperty("00104000").TryGetProperty("Value", out _));
        var values = json.GetProperty("00101000").GetProperty("Value");
        Assert.Equal("A", values[0].GetString());
        Assert.Equal(JsonValueKind.Null, values[1].ValueKind);
        Assert.Equal("B", values[2].GetString());
    }

    [Fact]
    public void Text_VRs_keep_backslashes_and_leading_spaces()
    {
        var dataset = new DicomDataset();
        dataset.Add(StringElement(PatientComments, DicomVR.LT, "  C:\\path\\file "));
        Assert.Equal("  C:\\path\\file", Write(dataset).GetProperty("00104000").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public void Person_names_are_objects_of_their_component_groups()
    {
        // PS3.18 F.4 example: Yamada^Tarou=山田^太郎=やまだ^たろう
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.AddOrUpdate(PatientName, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "=Only^Ideographic", "Doe^Jane");
        var values = Write(dataset).GetProperty("00100010").GetProperty("Value");
        Assert.Equal("Yamada^Tarou", values[0].GetProperty("Alphabetic").GetString());
        Assert.Equal("山田^太郎", values[0].GetProperty("Ideographic").GetString());
        Assert.Equal("やまだ^たろう", values[0].GetProperty("Phonetic").GetString());
        Assert.False(values[1].TryGetProperty("Alphabetic", out _));
        Assert.Equal("Only^Ideographic", values[1].GetProperty("Ideographic").GetString());
        Assert.Equal(["Alphabetic"], values[2].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Non_ASCII_text_is_written_as_UTF_8_not_escaped()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.AddOrUpdate(PatientName, DicomVR.PN, "Müller^Jürgen");
        var text = new DicomJsonWriter().Serialize(dataset);
        Assert.Contains("Müller^Jürgen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DS_and_IS_are_JSON_numbers_with_the_digits_as_written()
    {
        var dataset = new DicomDataset();
        dataset.Add(StringElement(SliceThickness, DicomVR.DS, "1.50"));
        dataset.Add(StringElement(ImagePositionPatient, DicomVR.DS, "+.5\\-0012.25E+02\\5.\\0.1234567890123 "));
        dataset.Add(StringElement(SeriesNumber, DicomVR.IS, "+0012 "));
        var text = new DicomJsonWriter().Serialize(dataset);
        Assert.Contains("\"Value\":[1.50]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[0.5,-12.25E+02,5,0.1234567890123]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[12]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DS_and_IS_that_are_not_numbers_stay_strings_as_CP_1861_allows()
    {
        var dataset = new DicomDataset();
        dataset.Add(StringElement(SliceThickness, DicomVR.DS, "N/A"));
        dataset.Add(StringElement(SeriesNumber, DicomVR.IS, "1.5"));
        var json = Write(dataset);
        Assert.Equal("N/A", json.GetProperty("00180050").GetProperty("Value")[0].GetString());
        Assert.Equal("1.5", json.GetProperty("00200011").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public void Binary_numbers_are_JSON_numbers_and_non_finite_floats_are_named_strings()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 512);
        dataset.AddOrUpdate(RealWorldValueSlope, DicomVR.FD, 0.1, double.NaN, double.NegativeInfinity);
        dataset.AddOrUpdate(FloatPixelPaddingValue, DicomVR.FL, 1.5f, float.PositiveInfinity);
        dataset.AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.SV, long.MinValue);
        dataset.AddOrUpdate(new DicomTag(0x0009, 0x1002), DicomVR.UV, ulong.MaxValue);
        dataset.AddOrUpdate(new DicomTag(0x0009, 0x1003), DicomVR.SS, (short)-3);
        var text = new DicomJsonWriter().Serialize(dataset);
        Assert.Contains("\"00280010\":{\"vr\":\"US\",\"Value\":[512]}", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[0.1,\"NaN\",\"-Infinity\"]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[1.5,\"Infinity\"]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[-9223372036854775808]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[18446744073709551615]", text, StringComparison.Ordinal);
        Assert.Contains("\"Value\":[-3]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_tags_are_eight_hex_digit_strings()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<ushort>(FrameIncrementPointer, DicomVR.AT, 0x0018, 0x1063, 0x0028, 0x0009);
        var values = Write(dataset).GetProperty("00280009").GetProperty("Value");
        Assert.Equal(["00181063", "00280009"], values.EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Sequences_are_arrays_of_objects_and_empty_items_are_empty_objects()
    {
        var dataset = new DicomDataset();
        var item = new DicomDataset();
        item.AddOrUpdate(ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.4");
        dataset.Add(new DicomSequence(ReferencedSeriesSequence, [item, new DicomDataset()]));
        dataset.Add(new DicomSequence(new DicomTag(0x0040, 0x0275)));
        var json = Write(dataset);
        var items = json.GetProperty("00081115").GetProperty("Value");
        Assert.Equal("SQ", json.GetProperty("00081115").GetProperty("vr").GetString());
        Assert.Equal("1.2.3.4", items[0].GetProperty("00081155").GetProperty("Value")[0].GetString());
        Assert.Empty(items[1].EnumerateObject());
        Assert.False(json.GetProperty("00400275").TryGetProperty("Value", out _));
    }

    [Fact]
    public void Binary_VRs_are_inline_base64()
    {
        var dataset = new DicomDataset();
        dataset.Add(new DicomValueElement(RedPaletteColorLookupTableData, DicomVR.OW, new byte[] { 1, 2, 3, 4 }));
        dataset.Add(new DicomValueElement(new DicomTag(0x0009, 0x1010), DicomVR.UN, new byte[] { 0xFF }));
        var json = Write(dataset);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, json.GetProperty("00281201").GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.Equal(new byte[] { 0xFF }, json.GetProperty("00091010").GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.False(json.GetProperty("00281201").TryGetProperty("Value", out _));
    }

    [Fact]
    public void Values_above_the_threshold_become_BulkDataURIs_named_by_their_path()
    {
        var dataset = new DicomDataset();
        var item = new DicomDataset();
        item.Add(new DicomValueElement(RedPaletteColorLookupTableData, DicomVR.OW, new byte[2048]));
        item.Add(new DicomValueElement(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[16]));
        dataset.Add(new DicomSequence(ReferencedSeriesSequence, [new DicomDataset(), item]));
        dataset.Add(new DicomValueElement(PixelData, DicomVR.OW, new byte[4096]));
        dataset.Add(StringElement(PatientComments, DicomVR.LT, new string('x', 2000)));
        var options = new DicomJsonWriterOptions
        {
            BulkDataUriFactory = path => path.Tag == PatientComments ? null : "https://pacs/bulk/" + path,
        };
        var json = Write(dataset, options);
        Assert.Equal("https://pacs/bulk/7FE00010", json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
        var second = json.GetProperty("00081115").GetProperty("Value")[1];
        Assert.Equal("https://pacs/bulk/00081115[1].00281201", second.GetProperty("00281201").GetProperty("BulkDataURI").GetString());
        Assert.True(second.GetProperty("00091010").TryGetProperty("InlineBinary", out _));
        Assert.Equal(2000, json.GetProperty("00104000").GetProperty("Value")[0].GetString()!.Length);
    }

    [Fact]
    public async Task Bulk_data_references_are_streamed_in_chunks_not_loaded()
    {
        var bytes = new byte[3_000_001];
        new Random(7).NextBytes(bytes);
        var source = new CountingSource(bytes);
        var dataset = new DicomDataset();
        dataset.Add(new DicomValueElement(PixelData, DicomVR.OB, new DicomValue(new DicomBulkDataReference(source, 0, bytes.Length))));
        using var output = new MemoryStream();
        await new DicomJsonWriter().WriteAsync(output, dataset);
        var json = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal(bytes, json.GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.True(source.Reads >= bytes.Length / (64 * 1024), $"{source.Reads} reads");
        Assert.True(source.LargestRead <= 64 * 1024, $"largest read {source.LargestRead}");
    }

    [Fact]
    public void Encapsulated_pixel_data_inline_is_the_undefined_length_value_field()
    {
        var dataset = new DicomDataset();
        var fragments = new DicomFragmentSequence(PixelData, DicomVR.OB, new DicomValue(new byte[] { 0, 0, 0, 0 }),
            [new DicomValue(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }), new DicomValue(new byte[] { 1, 2 })]);
        dataset.Add(fragments);
        var field = Write(dataset).GetProperty("7FE00010").GetProperty("InlineBinary").GetBytesFromBase64();
        byte[] expected =
        [
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xFF, 0xD8, 0xFF, 0xD9,
            0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 1, 2,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, field);

        var uri = Write(dataset, new DicomJsonWriterOptions { BulkDataUriFactory = _ => "frames" });
        Assert.Equal("frames", uri.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString());
    }

    [Fact]
    public async Task A_list_of_datasets_is_a_JSON_array_as_QIDO_RS_returns()
    {
        var first = new DicomDataset();
        first.AddOrUpdate(PatientID, DicomVR.LO, "1");
        var second = new DicomDataset();
        second.AddOrUpdate(PatientID, DicomVR.LO, "2");
        using var output = new MemoryStream();
        await new DicomJsonWriter().WriteAsync(output, [first, second]);
        Assert.Equal("[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"1\"]}},{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"2\"]}}]", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Keyword_annotation_is_off_by_default_and_written_when_asked()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(PatientID, DicomVR.LO, "1");
        Assert.False(Write(dataset).GetProperty("00100020").TryGetProperty("keyword", out _));
        var options = new DicomJsonWriterOptions { WriteKeyword = true, KeywordLookup = t => t == PatientID ? "PatientID" : null };
        Assert.Equal("PatientID", Write(dataset, options).GetProperty("00100020").GetProperty("keyword").GetString());
    }
}
