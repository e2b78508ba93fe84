using System.Net;
using Microsoft.Extensions.Options;

namespace Tessera.Server.Tests;

/// <summary>The security settings as TesseraHost.Validate and the allow-list read them, without a socket.</summary>
public sealed class ServerSecuritySettingsTests
{
    [Theory]
    [InlineData("CT1", "CT1", null)]
    [InlineData(" CT1 ", "CT1", null)]
    [InlineData("WS@10.0.0.5", "WS", "10.0.0.5")]
    [InlineData("A@B@::1", "A@B", "::1")]
    [InlineData("V6@[fe80::1]", "V6", "fe80::1")]
    public void AllowListEntriesAreAnAETitleAndAnOptionalAddress(string entry, string aeTitle, string? address)
    {
        Assert.True(AllowedCaller.TryParse(entry, out var caller, out var error), error);
        Assert.Equal(aeTitle, caller!.AETitle);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), caller.Address);
    }

    [Theory]
    [InlineData("WS@pacs.example.org")]
    [InlineData("@10.0.0.5")]
    [InlineData("SEVENTEEN_CHARS_X")]
    [InlineData("BACK\\SLASH")]
    public void MalformedAllowListEntriesAreRefused(string entry) =>
        Assert.False(AllowedCaller.TryParse(entry, out _, out _));

    [Fact]
    public void AnAddressedEntryMatchesOnlyThatAddressAndIPv4MappedPeersAreIPv4()
    {
        Assert.True(AllowedCaller.TryParse("WS@10.0.0.5", out var caller, out _));
        Assert.True(caller!.Matches("WS", IPAddress.Parse("10.0.0.5")));
        Assert.True(caller.Matches("WS", IPAddress.Parse("::ffff:10.0.0.5")));
        Assert.False(caller.Matches("WS", IPAddress.Parse("10.0.0.6")));
        Assert.False(caller.Matches("WS", null));
        Assert.False(caller.Matches("ws", IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public void ANonLoopbackBindIsValidOnlyWithAnAllowListOrAllowAny()
    {
        var open = new TesseraServerOptions { Dicom = { Bind = "0.0.0.0" } };
        var failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(open));
        Assert.Contains(failure.Failures, f => f.Contains("is not loopback", StringComparison.Ordinal));

        TesseraHost.Validate(new TesseraServerOptions { Dicom = { Bind = "0.0.0.0", AllowedCallingAETitles = ["CT1"] } });
        TesseraHost.Validate(new TesseraServerOptions { Dicom = { Bind = "0.0.0.0", AllowAnyCallingAETitle = true } });
        TesseraHost.Validate(new TesseraServerOptions { Dicom = { Bind = "::1" } });

        failure = Assert.Throws<OptionsValidationException>(() =>
            TesseraHost.Validate(new TesseraServerOptions { Dicom = { AllowAnyCallingAETitle = true, AllowedCallingAETitles = ["CT1"] } }));
        Assert.Contains(failure.Failures, f => f.Contains("contradicts", StringComparison.Ordinal));
    }

    [Fact]
    public void TlsSettingsAreCheckedBeforeStartAndThePasswordIsNeverInAMessage()
    {
        const string Password = "hunter2-secret";
        var failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(new TesseraServerOptions
        {
            Dicom = { Port = -1, TlsPort = 2762, Tls = { Certificate = "/no/such/server.pfx", Password = Password, ClientCertificateAuthorities = "/no/ca.pem" } },
        }));
        Assert.Contains(failure.Failures, f => f.Contains("Tessera:Dicom:Tls:Certificate: no file /no/such/server.pfx", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("ClientCertificateAuthorities: no file", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, new TesseraTlsOptions { Password = Password }.ToString(), StringComparison.Ordinal);

        failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(new TesseraServerOptions { Dicom = { Port = -1 } }));
        Assert.Contains(failure.Failures, f => f.Contains("nothing would listen", StringComparison.Ordinal));

        failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(new TesseraServerOptions { Dicom = { TlsPort = 2762 } }));
        Assert.Contains(failure.Failures, f => f.Contains("needs Tessera:Dicom:Tls:Certificate", StringComparison.Ordinal));

        failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(new TesseraServerOptions { Dicom = { Tls = { Certificate = "x.pem" } } }));
        Assert.Contains(failure.Failures, f => f.Contains("TlsPort is not", StringComparison.Ordinal));
    }
}
