namespace Tessera.Server;

/// <summary>
/// The exclusive claim on a data folder: held by <c>tessera serve</c> for its whole run and by <c>import</c> and
/// <c>check</c> in direct mode, so that only one process at a time writes the index and the files, sweeps temporaries or
/// deletes orphans (a direct import sweeping a running server's temporaries would fail its C-STOREs; a server starting
/// after a crash would delete the blobs of a direct import not yet indexed).
/// </summary>
/// <remarks>
/// An advisory lock on <see cref="FileName"/> (.NET maps <see cref="FileShare.None"/> to <c>flock(LOCK_EX)</c> on Unix and
/// to a share mode on Windows): the operating system drops it when the process ends however it ends, so a killed server
/// leaves no stale lock behind; the file itself stays and means nothing.
/// </remarks>
public sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file in the data folder.</summary>
    public const string FileName = "tessera.lock";

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, creating the folder when needed; null when another process (or another holder here) has it.</summary>
    public static DataFolderLock? TryAcquire(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(dataFolder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Who most likely holds the lock, for the error message: the server's process id from its running marker, else another import or check.</summary>
    public static string DescribeHolder(string dataFolder)
    {
        try
        {
            var pid = File.ReadAllText(DicomListenerService.RunningMarkerPath(dataFolder)).Trim();
            return $"a tessera serve (process {pid})";
        }
        catch (IOException)
        {
            return "another tessera process (serve starting, import or check)";
        }
    }

    public void Dispose() => _stream.Dispose();
}
