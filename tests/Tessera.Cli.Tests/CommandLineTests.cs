namespace Tessera.Cli.Tests;

/// <summary>The executable's contract with scripts: verbs, help, version and exit codes.</summary>
public class CommandLineTests
{
    [Fact]
    public void Dump_prints_elements_with_keywords_and_exits_0()
    {
        var (exitCode, output, _) = TesseraProcess.Run("dump", Corpus.PathOf("mr_small_evrle.dcm"));
        Assert.Equal(0, exitCode);
        Assert.Contains("(0010,0010) PN [CompressedSamples^MR1]", output, StringComparison.Ordinal);
        Assert.Contains("PatientName", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_indents_sequence_items()
    {
        var (exitCode, output, _) = TesseraProcess.Run("dump", Corpus.PathOf("rtplan.dcm"));
        Assert.Equal(0, exitCode);
        Assert.Contains("\n  (FFFE,E000) na (Item #1)", output, StringComparison.Ordinal);
        Assert.Contains("\n    (300A,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_json_is_DICOM_JSON_with_decoded_person_names()
    {
        var (exitCode, output, _) = TesseraProcess.Run("dump", "--json", Corpus.PathOf("chr_jp_h31.dcm"));
        Assert.Equal(0, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var name = json.RootElement.GetProperty("00100010");
        Assert.Equal("PN", name.GetProperty("vr").GetString());
        Assert.Equal("山田^太郎", name.GetProperty("Value")[0].GetProperty("Ideographic").GetString());
    }

    [Fact]
    public void Dump_xml_is_the_native_dicom_model()
    {
        var (exitCode, output, _) = TesseraProcess.Run("dump", "--xml", Corpus.PathOf("mr_small_evrle.dcm"));
        Assert.Equal(0, exitCode);
        var document = System.Xml.Linq.XDocument.Parse(output);
        System.Xml.Linq.XNamespace ns = "http://dicom.nema.org/PS3.19/models/NativeDICOM";
        var attribute = document.Root!.Elements(ns + "DicomAttribute").Single(e => (string?)e.Attribute("tag") == "00100020");
        Assert.Equal("LO", (string?)attribute.Attribute("vr"));
        Assert.False(string.IsNullOrEmpty(attribute.Element(ns + "Value")?.Value));
    }

    [Fact]
    public void Json_and_xml_together_are_a_usage_error() =>
        Assert.Equal(2, TesseraProcess.Run("dump", "--json", "--xml", Corpus.PathOf("mr_small_evrle.dcm")).ExitCode);

    [Fact]
    public void An_unreadable_file_exits_1_with_file_offset_and_reason_on_one_line()
    {
        var (exitCode, _, error) = TesseraProcess.Run("dump", Corpus.PathOf("mr_truncated.dcm"));
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.Contains("warning", StringComparison.Ordinal));
        Assert.Contains("mr_truncated.dcm", line, StringComparison.Ordinal);
        Assert.Contains("offset", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_1()
    {
        var (exitCode, _, error) = TesseraProcess.Run("dump", "/nonexistent/file.dcm");
        Assert.Equal(1, exitCode);
        Assert.Contains("/nonexistent/file.dcm", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("dump")]
    [InlineData("pixels", "x.dcm")]
    public void Usage_errors_exit_2(params string[] arguments) => Assert.Equal(2, TesseraProcess.Run(arguments).ExitCode);

    [Fact]
    public void Help_lists_the_verbs()
    {
        var (exitCode, output, _) = TesseraProcess.Run("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("dump", output, StringComparison.Ordinal);
        Assert.Contains("pixels", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var (exitCode, output, _) = TesseraProcess.Run("--version");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Fact]
    public void Store_help_lists_parallel_and_the_peer_options()
    {
        var (exitCode, output, _) = TesseraProcess.Run("store", "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("--parallel", output, StringComparison.Ordinal);
        Assert.Contains("--aec", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_without_files_or_with_parallel_0_is_a_usage_error()
    {
        Assert.Equal(2, TesseraProcess.Run("store", "127.0.0.1", "104").ExitCode);
        Assert.Equal(2, TesseraProcess.Run("store", "--parallel", "0", "127.0.0.1", "104", Corpus.PathOf("mr_small_evrle.dcm")).ExitCode);
    }

    [Theory]
    [InlineData("store", "0")]
    [InlineData("store", "65")]
    [InlineData("get", "0")]
    public void A_window_outside_1_to_64_is_a_usage_error(string verb, string window)
    {
        string[] rest = verb == "get" ? ["--out", Path.GetTempPath(), "-k", "PatientID=1", "127.0.0.1", "104"] : ["127.0.0.1", "104", Corpus.PathOf("mr_small_evrle.dcm")];
        var (exitCode, _, error) = TesseraProcess.Run([verb, "--window", window, .. rest]);
        Assert.Equal(2, exitCode);
        Assert.Contains("--window must be 1-64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sop_class_that_is_not_a_UID_is_a_usage_error()
    {
        var (exitCode, _, error) = TesseraProcess.Run("get", "--sop-class", "1.2.03", "--out", Path.GetTempPath(), "-k", "PatientID=1", "127.0.0.1", "104");

        Assert.Equal(2, exitCode);
        Assert.Contains("--sop-class 1.2.03", error, StringComparison.Ordinal);
    }

    /// <summary>Regression: a value that is no number at all crashed the command (the validator asked for it as an int) instead of a usage error.</summary>
    [Theory]
    [InlineData("echo", "127.0.0.1", "abc")]
    [InlineData("echo", "--repeat", "many", "127.0.0.1", "104")]
    [InlineData("find", "--repeat", "many", "127.0.0.1", "104")]
    [InlineData("store", "--window", "x", "127.0.0.1", "104", "f.dcm")]
    [InlineData("get", "--out", "/tmp", "127.0.0.1", "port")]
    [InlineData("receive", "--port", "eleven", "--out", "/tmp")]
    public void A_number_that_is_no_number_is_a_usage_error(params string[] arguments)
    {
        var (exitCode, _, error) = TesseraProcess.Run(arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains("Cannot parse argument", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_help_lists_keys_models_and_json()
    {
        var (exitCode, output, _) = TesseraProcess.Run("find", "--help");
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--key", "--patient-root", "--study-root", "--worklist", "--level", "--json" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Find_with_two_models_or_a_bad_level_is_a_usage_error()
    {
        Assert.Equal(2, TesseraProcess.Run("find", "--patient-root", "--study-root", "127.0.0.1", "104").ExitCode);
        Assert.Equal(2, TesseraProcess.Run("find", "--level", "FRAME", "127.0.0.1", "104").ExitCode);
        Assert.Equal(2, TesseraProcess.Run("find", "-k", "PatientName=X", "--worklist", "--study-root", "127.0.0.1", "104").ExitCode);
    }

    [Fact]
    public void Move_needs_a_valid_destination()
    {
        Assert.Equal(2, TesseraProcess.Run("move", "-k", "PatientID=1", "127.0.0.1", "104").ExitCode);
        Assert.Equal(2, TesseraProcess.Run("move", "--dest", "A-TITLE-LONGER-THAN-16", "127.0.0.1", "104").ExitCode);
        Assert.Equal(0, TesseraProcess.Run("move", "--help").ExitCode);
    }

    [Fact]
    public void Get_needs_an_output_folder()
    {
        Assert.Equal(2, TesseraProcess.Run("get", "-k", "PatientID=1", "127.0.0.1", "104").ExitCode);
        var (exitCode, output, _) = TesseraProcess.Run("get", "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("--out", output, StringComparison.Ordinal);
    }
}
