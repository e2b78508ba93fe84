namespace Tessera.Server.Control;

/// <summary>The control channel's fixed names and bounds, shared by the server and the CLI.</summary>
public static class ControlChannel
{
    /// <summary>
    /// The Unix domain socket in the data folder. Its mode is 0600: only the owner of the server process (and root) may
    /// connect, which is the whole authentication; there is no TCP port.
    /// </summary>
    public const string SocketFileName = "control.sock";

    /// <summary>A request line longer than this is refused: a request is a few paths and options (PATH_MAX is 4 KiB on Linux).</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>A reply line longer than this is refused by the CLI: one event names at most one path and a reason.</summary>
    public const int MaxReplyBytes = 1024 * 1024;

    /// <summary>Files ingested at once at most, as `tessera store --parallel`.</summary>
    public const int MaxParallel = 64;

    /// <summary>How long a connection may take to send its request: a probe that connects and says nothing is dropped.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static string SocketPath(string dataFolder) => Path.Combine(Path.GetFullPath(dataFolder), SocketFileName);
}
