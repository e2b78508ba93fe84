namespace Tessera.Server;

/// <summary>The DICOM (DIMSE) listener: section <c>Tessera:Dicom</c>.</summary>
public sealed class TesseraDicomOptions
{
    /// <summary>Called AE title answered (at most 16 characters, PS3.5 6.2).</summary>
    public string AETitle { get; set; } = "TESSERA";

    /// <summary>Plain TCP port; 0 picks a free one; -1 disables the plain listener (TLS only, see <see cref="TlsPort"/>).</summary>
    public int Port { get; set; } = 11112;

    /// <summary>TLS port on the same address (PS3.15 B.9; 2762 is the registered DICOM-TLS port); null: no TLS listener; 0: a free one.</summary>
    public int? TlsPort { get; set; }

    public TesseraTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Calling AE titles accepted, each "AE" or "AE@ADDRESS" (that AE only from that IP address); empty: none configured.
    /// Others are rejected with A-ASSOCIATE-RJ permanent, calling AE title not recognized (PS3.8 Table 9-21).
    /// </summary>
    public List<string> AllowedCallingAETitles { get; set; } = [];

    /// <summary>
    /// Accept any calling AE title although the listener is bound to a non-loopback address: without it (or an
    /// allow-list) such a server refuses to start, so that a server opened to a network is never anonymous by accident.
    /// </summary>
    public bool AllowAnyCallingAETitle { get; set; }

    /// <summary>Address listened on: loopback by default, so a first run exposes nothing; 0.0.0.0 for every interface.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    public int MaxAssociations { get; set; } = 64;

    /// <summary>
    /// Store SOP classes that PS3.6 does not list (private ones, as a scanner's CSA Non-Image or raw data objects, and
    /// storage classes of later editions), and send them back by C-MOVE and C-GET: a study is archived whole. False
    /// limits storage to the listed classes.
    /// </summary>
    public bool AcceptUnlistedStorageSopClasses { get; set; } = true;

    /// <summary>C-FIND matches sent at most; beyond, the search ends with A700H and an Error Comment.</summary>
    public int MaxFindResults { get; set; } = 10_000;

    /// <summary>
    /// C-FIND candidates examined at most for keys the index does not store (matched on each candidate's stored header);
    /// beyond, the search fails with C000H and an Error Comment asking for narrower indexed keys.
    /// </summary>
    public int MaxFilteredCandidates { get; set; } = 100_000;

    /// <summary>
    /// The asynchronous operations window (PS3.7 D.3.3.3) answered to a requestor that proposes one, each way: at most this
    /// many of its operations performed at once (its C-STOREs then overlap, each written and committed while the next
    /// arrives), and at most this many C-GET sub-operations outstanding on it. 1–65535; a requestor that proposes none gets 1.
    /// </summary>
    public int OperationsWindow { get; set; } = 16;

    /// <summary>
    /// C-STORE sub-operations a C-MOVE keeps outstanding at its destination, proposed as an asynchronous operations window
    /// when above 1 (e.g. to another Tessera) and used as far as the destination agrees. 1 by default: no proposal, since
    /// some implementations drop an association that carries one.
    /// </summary>
    public int MoveOperationsWindow { get; set; } = 1;

    /// <summary>On stop, how long running associations may take to finish before they are aborted.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Known peers, AE title → "HOST:PORT": C-MOVE destinations and Storage Commitment requesters.</summary>
    public Dictionary<string, string> Peers { get; set; } = new(StringComparer.Ordinal);
}
