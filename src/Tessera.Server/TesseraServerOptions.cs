using Tessera.Archive.Index;

namespace Tessera.Server;

/// <summary>
/// The server's settings, bound from the configuration section <c>Tessera</c> (appsettings.json in the data folder,
/// then environment variables <c>Tessera__Dicom__Port</c>…, then command-line flags). Every key is documented in README.md.
/// </summary>
public sealed class TesseraServerOptions
{
    public const string Section = "Tessera";

    /// <summary><c>Tessera:Data</c>: the data folder (index.db, files/, appsettings.json).</summary>
    public string Data { get; set; } = "./tessera-data";

    /// <summary><c>Tessera:DuplicatePolicy</c>: KeepBoth (default), Reject or Overwrite.</summary>
    public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.KeepBoth;

    public TesseraDicomOptions Dicom { get; set; } = new();
}
