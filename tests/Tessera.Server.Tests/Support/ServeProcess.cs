using Tessera.Testing;

namespace Tessera.Server.Tests.Support;

/// <summary>The built `tessera` (serve or another verb) as a <see cref="ChildProcess"/>, for tests that signal, kill or restart it.</summary>
internal static class ServeProcess
{
    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        StartVerb(["serve", .. arguments], environment);

    /// <summary>Any `tessera` verb (`import`, `check`, `store`…) as a child process, its output collected the same way.</summary>
    public static ChildProcess StartVerb(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "tessera.dll"), .. arguments], environment);

    /// <summary>True once "Tessera ready" was logged; false when the process ended first.</summary>
    public static async Task<bool> WaitReadyAsync(this ChildProcess serve) =>
        await serve.WaitForOrExitAsync("Tessera ready", TimeSpan.FromSeconds(60)) is not null;
}
