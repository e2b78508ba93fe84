namespace Tessera.Cli.Control;

/// <summary>Where `import` and `check` do their work.</summary>
internal enum ArchiveMode
{
    /// <summary>Through the server when one answers on the data folder's control socket, else directly.</summary>
    Automatic,

    /// <summary>In this process, on the data folder; refused while a server holds the folder.</summary>
    Direct,

    /// <summary>Inside the running server; refused when none answers.</summary>
    ThroughServer,
}
