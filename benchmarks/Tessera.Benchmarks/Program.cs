using BenchmarkDotNet.Running;

namespace Tessera.Benchmarks;

public static class Program
{
    /// <summary>
    /// `side-by-side PATH` for the comparison script; `archive-scale ...` for the archive's ingest and
    /// index figures (<see cref="Archive.ArchiveScale"/>); anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is ["archive-scale", .. var rest])
        {
            return Archive.ArchiveScale.RunAsync(rest).GetAwaiter().GetResult();
        }

        if (args is ["side-by-side", var ct512Path])
        {
            return SideBySide.Run(ct512Path);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
