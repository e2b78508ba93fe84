using Tessera.Dicom.Serialization;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// Inputs the fuzz tests found crashing, kept in tests/data/regressions and named after what broke.
/// Each must now fail with a <see cref="DicomException"/> that says why.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "data", "regressions");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/regressions not found above " + AppContext.BaseDirectory);
    });

    /// <summary>
    /// A bit flip made the "vr" string of (0028,0010) hold the byte A2, which is not UTF-8:
    /// Utf8JsonReader.GetString threw InvalidOperationException out of DicomJsonReader.Read.
    /// </summary>
    [Fact]
    public void Json_invalid_utf8_in_a_string_is_a_DicomException()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory.Value, "json_invalid_utf8_in_string.json"));
        var error = Assert.Throws<DicomException>(() => new DicomJsonReader().Read(bytes));
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Offset, 2940, 2944); // the string token holding byte A2 at 2944
    }

    /// <summary>
    /// An attribute name replaced by the escape "\ud800" (a high surrogate without its low half):
    /// Utf8JsonReader.GetString threw InvalidOperationException out of DicomJsonReader.Read.
    /// </summary>
    [Fact]
    public void Json_escaped_lone_surrogate_is_a_DicomException()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory.Value, "json_escaped_lone_surrogate.json"));
        var error = Assert.Throws<DicomException>(() => new DicomJsonReader().Read(bytes));
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The member name "Value" inside an attribute object replaced by "\ud800": ValueTextEquals
    /// unescapes to compare and threw InvalidOperationException out of DicomJsonReader.Read.
    /// </summary>
    [Fact]
    public void Json_escaped_lone_surrogate_in_a_member_name_is_a_DicomException()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory.Value, "json_escaped_lone_surrogate_in_member_name.json"));
        var error = Assert.Throws<DicomException>(() => new DicomJsonReader().Read(bytes));
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by a 40 s hunt (TESSERA_FUZZ_SEED=7): an InlineBinary string "\ud800";
    /// TryGetBytesFromBase64 unescapes first and threw InvalidOperationException.
    /// </summary>
    [Fact]
    public void Json_escaped_lone_surrogate_in_InlineBinary_is_a_DicomException()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory.Value, "json_escaped_lone_surrogate_in_inline_binary.json"));
        var error = Assert.Throws<DicomException>(() => new DicomJsonReader().Read(bytes));
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found reading the code while fixing the above: a non-integer IS number was reported through
    /// GetDouble, which throws FormatException for 1e309 (beyond double's range).
    /// </summary>
    [Fact]
    public void Json_IS_number_beyond_double_range_is_a_DicomException()
    {
        var error = Assert.Throws<DicomException>(() => new DicomJsonReader().Read("""{"00200013":{"vr":"IS","Value":[1e309]}}"""u8));
        Assert.Contains("IS value 1e309 is not an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_regression_file_has_a_test()
    {
        var tested = new[]
        {
            "json_invalid_utf8_in_string.json", "json_escaped_lone_surrogate.json", "json_escaped_lone_surrogate_in_member_name.json",
            "json_escaped_lone_surrogate_in_inline_binary.json",
        };
        Assert.Equal(tested.Order(StringComparer.Ordinal), System.IO.Directory.EnumerateFiles(Directory.Value).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
