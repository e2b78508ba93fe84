namespace Tessera.Cli.Tests;

/// <summary>The --tls options of the network verbs: what is a usage error (exit 2) before anything connects.</summary>
public sealed class TlsOptionsTests
{
    [Theory]
    [InlineData("echo", "--tls-ca", "/etc/hostname", "127.0.0.1", "104")]
    [InlineData("receive", "--port", "0", "--out", "/tmp/x", "--tls-require-client-certificate")]
    public void A_tls_option_without_tls_is_a_usage_error(params string[] arguments)
    {
        var (exitCode, _, error) = TesseraProcess.Run(arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains("needs --tls", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_with_tls_needs_a_certificate() =>
        Assert.Equal(2, TesseraProcess.Run("receive", "--port", "0", "--out", "/tmp/x", "--tls").ExitCode);

    [Fact]
    public void A_missing_certificate_file_is_a_usage_error()
    {
        var (exitCode, _, error) = TesseraProcess.Run("echo", "--tls", "--tls-certificate", "/nonexistent/cert.pem", "127.0.0.1", "104");
        Assert.Equal(2, exitCode);
        Assert.Contains("/nonexistent/cert.pem", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("store")]
    [InlineData("find")]
    [InlineData("move")]
    [InlineData("get")]
    [InlineData("receive")]
    public void Every_network_verb_offers_tls(string verb)
    {
        var (exitCode, output, _) = TesseraProcess.Run(verb, "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("--tls-certificate", output, StringComparison.Ordinal);
        Assert.Contains("--tls-ca", output, StringComparison.Ordinal);
    }
}
