using BenchmarkDotNet.Running;

namespace Tessera.Benchmarks;

public static class Program
{
    /// <summary>`side-by-side PATH` for the comparison script; anything else goes to BenchmarkDotNet.</summary>
    public static int Main(string[] args)
    {
        if (args is ["side-by-side", var ct512Path])
        {
            return SideBySide.Run(ct512Path);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
