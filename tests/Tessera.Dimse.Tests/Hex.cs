using System.Globalization;
using System.Text;

namespace Tessera.Dimse.Tests;

/// <summary>
/// Annotated byte fixtures: hex pairs, "quoted ASCII", and // comments to the end of the line, so a
/// fixture reads like the PS3.8 table it encodes.
/// </summary>
internal static class Hex
{
    public static byte[] Parse(string annotated)
    {
        var bytes = new List<byte>();
        foreach (var rawLine in annotated.Split('\n'))
        {
            var line = rawLine;
            var comment = IndexOfComment(line);
            if (comment >= 0)
            {
                line = line[..comment];
            }

            var i = 0;
            while (i < line.Length)
            {
                var c = line[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '"')
                {
                    var end = line.IndexOf('"', i + 1);
                    bytes.AddRange(Encoding.ASCII.GetBytes(line[(i + 1)..end]));
                    i = end + 1;
                }
                else
                {
                    bytes.Add(byte.Parse(line.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                }
            }
        }

        return [.. bytes];
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static int IndexOfComment(string line)
    {
        var inQuote = false;
        for (var i = 0; i < line.Length - 1; i++)
        {
            if (line[i] == '"')
            {
                inQuote = !inQuote;
            }
            else if (!inQuote && line[i] == '/' && line[i + 1] == '/')
            {
                return i;
            }
        }

        return -1;
    }
}
