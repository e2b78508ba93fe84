namespace Tessera.Cli;

/// <summary>Exit codes every verb shares, as scripts driving DCMTK-style tools expect.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An input could not be read or processed; stderr names it, with offset and reason.</summary>
    public const int InputError = 1;

    /// <summary>The command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>`tessera check` found the index and the stored files inconsistent (missing, orphaned or corrupt files).</summary>
    public const int Inconsistent = 3;
}
