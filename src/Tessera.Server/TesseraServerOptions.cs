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

    /// <summary>
    /// <c>Tessera:RecoveryPointInterval</c>: how often the index is made durable (one WAL fsync) and the recovery point
    /// moved, so that after a crash only the blobs stored since are indexed again (RecoveryPointService). 10 s.
    /// </summary>
    public TimeSpan RecoveryPointInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TesseraDicomOptions Dicom { get; set; } = new();

    public TesseraStorageOptions Storage { get; set; } = new();
}
