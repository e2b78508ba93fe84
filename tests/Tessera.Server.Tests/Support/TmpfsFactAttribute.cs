using System.Diagnostics;

namespace Tessera.Server.Tests.Support;

/// <summary>
/// A test that mounts a small tmpfs (needs root, or CAP_SYS_ADMIN, and DCMTK): probed once by mounting and unmounting
/// one; where that is not permitted the test is reported skipped with the reason, never passed.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public TmpfsFactAttribute()
    {
        if (!File.Exists(Dcmtk.Path("storescu")))
        {
            Skip = "DCMTK is not installed";
        }
        else if (Unavailable.Value is { } reason)
        {
            Skip = $"cannot mount a tmpfs here: {reason}";
        }
    }

    /// <summary>Mounts a tmpfs of the given size on <paramref name="directory"/>; the message of mount(8) when it fails.</summary>
    public static string? Mount(string directory, string size) =>
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", directory);

    public static string? Unmount(string directory) => Run("umount", directory);

    private static string? Probe()
    {
        var directory = Directory.CreateTempSubdirectory("tessera-tmpfs-probe-");
        try
        {
            return Mount(directory.FullName, "1m") ?? Unmount(directory.FullName);
        }
        finally
        {
            directory.Delete();
        }
    }

    private static string? Run(string tool, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{tool} exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"{tool}: {exception.Message}";
        }
    }
}
