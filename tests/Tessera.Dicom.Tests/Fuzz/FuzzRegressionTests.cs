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

    [Fact]
    public void Every_regression_file_has_a_test()
    {
        var tested = new[] { "json_invalid_utf8_in_string.json", "json_escaped_lone_surrogate.json", "json_escaped_lone_surrogate_in_member_name.json" };
        Assert.Equal(tested.Order(StringComparer.Ordinal), System.IO.Directory.EnumerateFiles(Directory.Value).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
