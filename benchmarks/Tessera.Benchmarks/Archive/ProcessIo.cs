using System.Globalization;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// This process's I/O totals from /proc/self/io (Linux): wchar counts bytes passed to write(2),
/// write_bytes bytes sent to the block device (page cache written back, fsyncs). Zero elsewhere.
/// </summary>
internal readonly record struct ProcessIo(long WriteCalls, long DeviceWrites)
{
    public static ProcessIo Now()
    {
        const string Io = "/proc/self/io";
        if (!File.Exists(Io))
        {
            return default;
        }

        long wchar = 0, writeBytes = 0;
        foreach (var line in File.ReadLines(Io))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                wchar = long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                writeBytes = long.Parse(line.AsSpan(12).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new ProcessIo(wchar, writeBytes);
    }

    public static ProcessIo operator -(ProcessIo after, ProcessIo before) => new(after.WriteCalls - before.WriteCalls, after.DeviceWrites - before.DeviceWrites);
}
