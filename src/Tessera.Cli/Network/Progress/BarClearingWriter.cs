using System.Text;

namespace Tessera.Cli.Network.Progress;

/// <summary>
/// The stderr of a run that draws a <see cref="TerminalProgress"/> bar: each whole line written first erases the bar
/// ("\r", erase to end of line), so that a message never runs on from the bar; the bar is redrawn below it on its next tick.
/// </summary>
internal sealed class BarClearingWriter(TextWriter inner) : TextWriter
{
    private const string EraseLine = "\r\u001b[K";

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value);

    public override void WriteLine(string? value)
    {
        inner.Write(EraseLine);
        inner.WriteLine(value);
    }

    public override void Flush() => inner.Flush();
}
