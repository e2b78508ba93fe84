namespace Tessera.Server;

/// <summary>The data folder's lock (<see cref="DataFolderLock"/>) is held by another process: nothing was started.</summary>
public sealed class DataFolderInUseException : Exception
{
    public DataFolderInUseException()
    {
    }

    public DataFolderInUseException(string message)
        : base(message)
    {
    }

    public DataFolderInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
