namespace Tessera.Server.Control;

/// <summary>
/// Reads '\n'-terminated lines from a stream with a bound on their length, so that a peer cannot make the reader hold
/// more than <c>maxLineBytes</c> (the whole line must be in memory to be parsed as JSON).
/// </summary>
public sealed class ControlLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[Math.Min(maxLineBytes + 1, 16 * 1024)];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its '\n' (a trailing '\r' removed too); null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">The line is longer than the bound, or the stream ends inside it.</exception>
    public async ValueTask<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    if (_line.Length == 0)
                    {
                        return null;
                    }

                    throw new InvalidDataException("the connection ended inside a line");
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > maxLineBytes)
            {
                throw new InvalidDataException($"line longer than {maxLineBytes} bytes");
            }

            _line.Write(_buffer, _start, take);
            _start += take;
            if (newline >= 0)
            {
                _start++;
                var bytes = _line.ToArray();
                return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
            }
        }
    }
}
