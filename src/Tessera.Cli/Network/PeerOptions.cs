using System.CommandLine;
using System.Globalization;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network;

/// <summary>
/// What every SCU verb shares, DCMTK style: HOST PORT, the calling and called AE titles (DCMTK's
/// defaults, so scripts written for echoscu/storescu carry over) and one timeout.
/// </summary>
internal sealed class PeerOptions
{
    public Argument<string> Host { get; } = new("HOST") { Description = "the peer's host name or address" };

    public Argument<int> Port { get; } = new("PORT") { Description = "the peer's TCP port (104 and 11112 are the registered DICOM ports)" };

    public Option<string> CallingAETitle { get; } = new("--aet") { Description = "calling AE title, ours (default TESSERA)", DefaultValueFactory = _ => "TESSERA" };

    public Option<string> CalledAETitle { get; } = new("--aec") { Description = "called AE title, the peer's (default ANY-SCP, as DCMTK)", DefaultValueFactory = _ => "ANY-SCP" };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "seconds to wait for the connection, the association and each response (default 30)", DefaultValueFactory = _ => 30 };

    public TlsOptions Tls { get; } = new(server: false);

    public void AddTo(Command command)
    {
        command.Arguments.Add(Host);
        command.Arguments.Add(Port);
        command.Options.Add(CallingAETitle);
        command.Options.Add(CalledAETitle);
        command.Options.Add(Timeout);
        Tls.AddTo(command);
        Port.Validators.Add(result => IntegerRange.Check(result, 1, 65535, port => string.Create(CultureInfo.InvariantCulture, $"PORT must be 1-65535, not {port}")));
        Timeout.Validators.Add(result => IntegerRange.Check(result, 1, int.MaxValue, _ => "--timeout must be at least 1 second"));
        CallingAETitle.Validators.Add(ValidateAETitle);
        CalledAETitle.Validators.Add(ValidateAETitle);
    }

    /// <summary>The association options for <paramref name="parseResult"/>, proposing <paramref name="abstractSyntaxes"/> with <paramref name="transferSyntaxes"/>.</summary>
    public DicomClientOptions ClientOptions(ParseResult parseResult, IReadOnlyList<string> abstractSyntaxes, IReadOnlyList<string>? transferSyntaxes = null)
    {
        var timeout = TimeSpan.FromSeconds(parseResult.GetValue(Timeout));
        var options = new DicomClientOptions
        {
            Host = parseResult.GetValue(Host)!,
            Port = parseResult.GetValue(Port),
            CallingAETitle = parseResult.GetValue(CallingAETitle)!,
            CalledAETitle = parseResult.GetValue(CalledAETitle)!,
            AbstractSyntaxes = abstractSyntaxes,
            ConnectTimeout = timeout,
            Association = new DicomAssociationOptions { ArtimTimeout = timeout, DimseTimeout = timeout },
            Tls = Tls.Build(parseResult),
        };
        return transferSyntaxes is null ? options : options with { TransferSyntaxes = transferSyntaxes };
    }

    /// <summary>PS3.8 9.3.2: an AE title is 1-16 characters of the default repertoire, not all spaces, no backslash or controls.</summary>
    internal static void ValidateAETitle(System.CommandLine.Parsing.OptionResult result)
    {
        var title = result.GetValueOrDefault<string?>() ?? string.Empty;
        if (title.Trim().Length is 0 or > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
        {
            result.AddError($"{result.Option.Name} must be 1-16 printable ASCII characters without backslash, not '{title}'");
        }
    }

    public string Describe(ParseResult parseResult) =>
        string.Create(CultureInfo.InvariantCulture, $"{parseResult.GetValue(CalledAETitle)}@{parseResult.GetValue(Host)}:{parseResult.GetValue(Port)}");
}
