namespace Tessera.Server;

/// <summary>The DICOM (DIMSE) listener: section <c>Tessera:Dicom</c>.</summary>
public sealed class TesseraDicomOptions
{
    /// <summary>Called AE title answered (at most 16 characters, PS3.5 6.2).</summary>
    public string AETitle { get; set; } = "TESSERA";

    public int Port { get; set; } = 11112;

    /// <summary>Address listened on: loopback by default, so a first run exposes nothing; 0.0.0.0 for every interface.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    public int MaxAssociations { get; set; } = 64;

    /// <summary>C-FIND matches sent at most; beyond, the search ends with A700H and an Error Comment.</summary>
    public int MaxFindResults { get; set; } = 10_000;

    /// <summary>On stop, how long running associations may take to finish before they are aborted.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Known peers, AE title → "HOST:PORT": C-MOVE destinations and Storage Commitment requesters.</summary>
    public Dictionary<string, string> Peers { get; set; } = new(StringComparer.Ordinal);
}
