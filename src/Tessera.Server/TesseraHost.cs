using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Tessera.Archive.Dimse;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Query;
using Tessera.Archive.Retrieve;
using Tessera.Archive.Storage;
using Tessera.Blobs.FileSystem;
using Tessera.Dicom;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Transport;
using Tessera.Index.Sqlite;

namespace Tessera.Server;

/// <summary>
/// The composition root (STYLE 12: DI lives only here): configuration, the archive's adapters and services, the
/// DIMSE SCPs and the listener, as a .NET generic host.
/// </summary>
public static class TesseraHost
{
    /// <summary>
    /// Builds the host. Configuration, later sources winning: embedded defaults, <c>appsettings.json</c> in the data
    /// folder, environment variables (<c>Tessera__Dicom__Port</c>…), then <paramref name="overrides"/> (the CLI's flags,
    /// as configuration keys such as <c>Tessera:Dicom:Port</c>). The data folder itself comes from the overrides or
    /// the environment, since the file that could set it is inside it.
    /// </summary>
    public static IHost Build(IReadOnlyDictionary<string, string?>? overrides = null, Action<ILoggingBuilder>? logging = null)
    {
        overrides ??= new Dictionary<string, string?>();
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var data = overrides.GetValueOrDefault($"{TesseraServerOptions.Section}:Data")
            ?? environment[$"{TesseraServerOptions.Section}:Data"]
            ?? new TesseraServerOptions().Data;

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration
            .AddJsonFile(Path.GetFullPath(Path.Combine(data, "appsettings.json")), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .AddInMemoryCollection([new($"{TesseraServerOptions.Section}:Data", data)]);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        // One line says the server is ready (ours); the host's own start-up chatter stays out of it.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            logging(builder.Logging);
        }

        var section = builder.Configuration.GetSection(TesseraServerOptions.Section);
        var settings = section.Get<TesseraServerOptions>() ?? new TesseraServerOptions();
        Validate(settings);
        builder.Services.AddSingleton(Options.Create(settings));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Dicom.ShutdownGracePeriod + TimeSpan.FromSeconds(5));
        AddArchive(builder.Services, settings);

        // Hosted services start in this order and stop in reverse: the data folder's lock first, the control channel
        // (`tessera import`/`check` through the server) once the index is open and swept, and the recovery point's mover
        // last, so it is stopped first.
        builder.Services.AddHostedService<DataFolderLockService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DicomListenerService>());
        builder.Services.AddSingleton<DicomListenerService>();
        builder.Services.AddSingleton<Control.ControlSession>();
        builder.Services.AddSingleton<Control.ControlChannelService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Control.ControlChannelService>());
        builder.Services.AddHostedService<RecoveryPointService>();
        return builder.Build();
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with every problem found, before anything starts.</summary>
    public static void Validate(TesseraServerOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        var dicom = settings.Dicom;
        if (dicom.AETitle.Trim().Length is 0 or > 16 || dicom.AETitle.Contains('\\', StringComparison.Ordinal))
        {
            errors.Add($"Tessera:Dicom:AETitle '{dicom.AETitle}' must have 1 to 16 characters and no backslash (PS3.5 6.2)");
        }

        if (dicom.Port is < -1 or > 65535)
        {
            errors.Add($"Tessera:Dicom:Port {dicom.Port} is not a TCP port (-1: no plain listener)");
        }

        if (!IPAddress.TryParse(dicom.Bind, out var bind))
        {
            errors.Add($"Tessera:Dicom:Bind '{dicom.Bind}' is not an IP address");
        }

        if (settings.RecoveryPointInterval <= TimeSpan.Zero || settings.RecoveryPointInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"Tessera:RecoveryPointInterval {settings.RecoveryPointInterval} must be more than zero and at most an hour");
        }

        ValidateTls(dicom, errors);
        var allowed = AllowedCallers(dicom, errors);
        if (dicom.AllowAnyCallingAETitle && allowed.Count > 0)
        {
            errors.Add("Tessera:Dicom:AllowAnyCallingAETitle=true contradicts Tessera:Dicom:AllowedCallingAETitles: set one or the other");
        }

        // PS3.15 security profiles assume a server on a network knows its peers: on a non-loopback address the secure
        // default is to refuse anonymous callers, so opening the port (--bind 0.0.0.0) needs an allow-list or an
        // explicit AllowAnyCallingAETitle=true.
        if (bind is not null && !IPAddress.IsLoopback(bind) && allowed.Count == 0 && !dicom.AllowAnyCallingAETitle)
        {
            errors.Add($"Tessera:Dicom:Bind {dicom.Bind} is not loopback: set Tessera:Dicom:AllowedCallingAETitles (the peers that may call), or Tessera:Dicom:AllowAnyCallingAETitle=true to accept anyone");
        }

        if (dicom.MaxFindResults < 1 || dicom.MaxAssociations < 1 || dicom.MaxFilteredCandidates < 1)
        {
            errors.Add("Tessera:Dicom:MaxFindResults, MaxFilteredCandidates and MaxAssociations must be at least 1");
        }

        if (dicom.OperationsWindow is < 1 or > ushort.MaxValue || dicom.MoveOperationsWindow is < 1 or > ushort.MaxValue)
        {
            errors.Add("Tessera:Dicom:OperationsWindow and MoveOperationsWindow must be 1-65535");
        }

        // Half the capacity at most: a record of the largest blob then always fits in a journal that has just checkpointed.
        var storage = settings.Storage;
        if (storage.CommitJournalCapacity < 4 * 1024 * 1024 || storage.CommitJournalBlobLimit < 0 || storage.CommitJournalBlobLimit > storage.CommitJournalCapacity / 2)
        {
            errors.Add($"Tessera:Storage:CommitJournalCapacity ({storage.CommitJournalCapacity}) must be at least 4 MiB, and CommitJournalBlobLimit ({storage.CommitJournalBlobLimit}) from 0 to half of it");
        }

        if (storage.PageCacheWindow < -1)
        {
            errors.Add($"Tessera:Storage:PageCacheWindow ({storage.PageCacheWindow}) must be -1 (off), 0 or more bytes");
        }

        foreach (var (ae, address) in dicom.Peers)
        {
            if (!PeerAddress.TryParse(ae, address, out _, out var error))
            {
                errors.Add($"Tessera:Dicom:Peers: {error}");
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(TesseraServerOptions.Section, typeof(TesseraServerOptions), errors);
        }
    }

    private static void ValidateTls(TesseraDicomOptions dicom, List<string> errors)
    {
        if (dicom.TlsPort is < 0 or > 65535)
        {
            errors.Add($"Tessera:Dicom:TlsPort {dicom.TlsPort} is not a TCP port");
        }

        if (dicom.Port == -1 && dicom.TlsPort is null)
        {
            errors.Add("Tessera:Dicom:Port is -1 and no Tessera:Dicom:TlsPort is set: nothing would listen");
        }

        var tls = dicom.Tls;
        if (dicom.TlsPort is null)
        {
            if (!string.IsNullOrEmpty(tls.Certificate))
            {
                errors.Add("Tessera:Dicom:Tls:Certificate is set but Tessera:Dicom:TlsPort is not: say which port speaks TLS");
            }

            return;
        }

        // Paths are named, the password never is (it may be mistyped into another key, so no value is echoed here but paths).
        if (string.IsNullOrEmpty(tls.Certificate))
        {
            errors.Add("Tessera:Dicom:TlsPort needs Tessera:Dicom:Tls:Certificate (a PEM or PKCS#12 file)");
        }
        else if (!File.Exists(tls.Certificate))
        {
            errors.Add($"Tessera:Dicom:Tls:Certificate: no file {tls.Certificate}");
        }

        if (!string.IsNullOrEmpty(tls.Key) && !File.Exists(tls.Key))
        {
            errors.Add($"Tessera:Dicom:Tls:Key: no file {tls.Key}");
        }

        if (!string.IsNullOrEmpty(tls.ClientCertificateAuthorities) && !File.Exists(tls.ClientCertificateAuthorities))
        {
            errors.Add($"Tessera:Dicom:Tls:ClientCertificateAuthorities: no file {tls.ClientCertificateAuthorities}");
        }
    }

    private static List<AllowedCaller> AllowedCallers(TesseraDicomOptions dicom, List<string>? errors)
    {
        var callers = new List<AllowedCaller>();
        foreach (var entry in dicom.AllowedCallingAETitles)
        {
            if (AllowedCaller.TryParse(entry, out var caller, out var error))
            {
                callers.Add(caller!);
            }
            else
            {
                errors?.Add($"Tessera:Dicom:AllowedCallingAETitles: {error}");
            }
        }

        return callers;
    }

    /// <summary>The Tessera:Dicom:Tls settings as the toolkit's TLS options (PS3.15 B.9), or null without a TLS port.</summary>
    private static DicomTlsOptions? ServerTls(TesseraDicomOptions dicom) => dicom.TlsPort is null
        ? null
        : new DicomTlsOptions
        {
            CertificatePath = dicom.Tls.Certificate,
            PrivateKeyPath = string.IsNullOrEmpty(dicom.Tls.Key) ? null : dicom.Tls.Key,
            CertificatePassword = string.IsNullOrEmpty(dicom.Tls.Password) ? null : dicom.Tls.Password,
            CaBundlePath = string.IsNullOrEmpty(dicom.Tls.ClientCertificateAuthorities) ? null : dicom.Tls.ClientCertificateAuthorities,
            RequireClientCertificate = dicom.Tls.RequireClientCertificate,
        };

    private static void AddArchive(IServiceCollection services, TesseraServerOptions settings)
    {
        var data = settings.Data;
        services.AddSingleton<IBlobStore>(sp =>
        {
            Directory.CreateDirectory(data);
            var options = new FileSystemBlobStoreOptions(Path.Combine(data, "files"))
            {
                CommitJournalBlobLimit = settings.Storage.CommitJournalBlobLimit,
                CommitJournalCapacity = settings.Storage.CommitJournalCapacity,
                PageCacheWindow = settings.Storage.PageCacheWindow,
            };
            return new FileSystemBlobStore(options, sp.GetRequiredService<ILogger<FileSystemBlobStore>>());
        });
        services.AddSingleton<IIndexStore>(_ =>
        {
            Directory.CreateDirectory(data);

            // The server's blobs are the journal of its index (IngestService.RecoverAsync, RecoveryPointService): a C-STORE
            // is acknowledged after its blob's fsyncs and the row's commit, without a WAL fsync of its own.
            return new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(data, "index.db")) { Synchronous = SqliteSynchronous.Normal });
        });
        services.AddSingleton(sp => new IngestService(
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IIndexStore>(),
            new IngestOptions { DuplicatePolicy = settings.DuplicatePolicy },
            sp.GetRequiredService<ILogger<IngestService>>()));
        services.AddSingleton(sp => new QueryService(sp.GetRequiredService<IIndexStore>(), settings.Dicom.MaxFilteredCandidates));
        services.AddSingleton(sp => new RetrieveService(sp.GetRequiredService<IIndexStore>(), sp.GetRequiredService<IBlobStore>()));
        services.AddSingleton(sp => new ArchiveStoreHandler(sp.GetRequiredService<IngestService>(), sp.GetRequiredService<ILogger<ArchiveStoreHandler>>()));
        services.AddSingleton(sp => new ArchiveFindHandler(sp.GetRequiredService<QueryService>(), settings.Dicom.MaxFindResults, sp.GetRequiredService<ILogger<ArchiveFindHandler>>()));
        services.AddSingleton(sp => new ArchiveRetrieveHandler(
            sp.GetRequiredService<QueryService>(),
            sp.GetRequiredService<RetrieveService>(),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<ILogger<ArchiveRetrieveHandler>>()));
        services.AddSingleton(sp => new ArchiveStorageCommitmentHandler(
            sp.GetRequiredService<IIndexStore>(),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<ILogger<ArchiveStorageCommitmentHandler>>()));
        services.AddSingleton(sp =>
        {
            var dicom = settings.Dicom;
            var allowed = AllowedCallers(dicom, errors: null);
            var handlers = new DicomServerHandlers
            {
                Store = sp.GetRequiredService<ArchiveStoreHandler>(),
                Find = sp.GetRequiredService<ArchiveFindHandler>(),
                Move = sp.GetRequiredService<ArchiveRetrieveHandler>(),
                Get = sp.GetRequiredService<ArchiveRetrieveHandler>(),
                StorageCommitment = sp.GetRequiredService<ArchiveStorageCommitmentHandler>(),
                ApplicationEntities = new ApplicationEntityTable(
                    dicom.Peers.Select(p => PeerAddress.TryParse(p.Key, p.Value, out var peer, out _) ? peer! : throw new InvalidOperationException(p.Key))),
                Policy = allowed.Count == 0 ? null : new CallingAETitlePolicy(allowed, sp.GetRequiredService<ILogger<CallingAETitlePolicy>>()),
            };
            var options = new DicomServerOptions
            {
                AETitle = dicom.AETitle,
                Address = IPAddress.Parse(dicom.Bind),
                Port = dicom.Port,
                MaxAssociations = dicom.MaxAssociations,
                MaxFindResults = dicom.MaxFindResults,
                ShutdownGracePeriod = dicom.ShutdownGracePeriod,
                StorageSopClasses = StorageSopClasses(),
                AcceptUnlistedStorageSopClasses = dicom.AcceptUnlistedStorageSopClasses,

                // What is stored can be fetched: a C-GET requestor may take the SCP role for the retired classes too.
                GetStorageSopClasses = StorageSopClasses(),

                // Stored as received (STYLE 8: no transcoding at ingest). The acceptor's preference wins in each
                // context (PS3.8 Table 9-18), so compressed syntaxes come first: a storescu proposing [RLE, Explicit,
                // Implicit] for an RLE file then sends the file's own bytes rather than having to decompress them.
                TransferSyntaxes = AcceptedTransferSyntaxes(),
                FindSopClasses = QueryRoots.FindSopClasses,
                MoveSopClasses = QueryRoots.MoveSopClasses,
                GetSopClasses = QueryRoots.GetSopClasses,

                // No version banner to peers: the Implementation Version Name (PS3.7 D.3.3.2.3) names the product only.
                Association = new DicomAssociationOptions
                {
                    ImplementationVersionName = "TESSERA",
                    MaxOperationsPerformed = dicom.OperationsWindow,
                    MaxOperationsInvoked = dicom.OperationsWindow,
                },
                OutboundMaxOperationsInvoked = dicom.MoveOperationsWindow,
            };
            var logger = sp.GetRequiredService<ILogger<DicomServer>>();
            return new DicomListeners(
                dicom.Port == -1 ? null : new DicomServer(options, handlers, logger),
                dicom.TlsPort is { } tlsPort ? new DicomServer(options with { Port = tlsPort, Tls = ServerTls(dicom) }, handlers, logger) : null);
        });
    }

    /// <summary>
    /// Every storage SOP class of PS3.6 Table A-1, retired ones included: an archive takes what modalities still send
    /// (the retired Ultrasound Image Storage of 1993, for one). The toolkit's proposal list omits them.
    /// </summary>
    private static List<string> StorageSopClasses() =>
    [
        .. DicomPresentationContexts.StorageSopClasses,
        .. DicomUidRegistry.All
            .Where(u => u is { Type: DicomUidType.SOPClass, IsRetired: true }
                && u.Name.Contains("Storage", StringComparison.Ordinal)
                && !u.Name.Contains("Commitment", StringComparison.Ordinal)
                && !u.Name.Contains("Media Storage Directory", StringComparison.Ordinal))
            .Select(u => u.Uid),
    ];

    private static List<string> AcceptedTransferSyntaxes()
    {
        var uncompressed = DicomPresentationContexts.UncompressedTransferSyntaxes;
        var syntaxes = DicomTransferSyntax.All
            .Where(s => (s.IsEncapsulated || s.IsDeflated) && !s.IsRetired)
            .Select(s => s.Uid)
            .Where(uid => !uncompressed.Contains(uid))
            .ToList();
        syntaxes.AddRange(uncompressed);
        syntaxes.Add(DicomTransferSyntax.ExplicitVRBigEndian.Uid);
        return syntaxes;
    }
}
