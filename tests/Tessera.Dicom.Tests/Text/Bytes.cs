using System.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>Builds byte fixtures from readable pieces: strings are ASCII, <see cref="Esc"/> is 1B.</summary>
public static class Bytes
{
    public const string Esc = "\u001B";

    /// <summary>Concatenates ASCII text and raw byte arrays.</summary>
    public static byte[] Of(params object[] parts)
    {
        var result = new List<byte>();
        foreach (var part in parts)
        {
            result.AddRange(part switch
            {
                string text => Encoding.ASCII.GetBytes(text),
                byte[] raw => raw,
                _ => throw new ArgumentException("string or byte[] expected", nameof(parts)),
            });
        }

        return [.. result];
    }
}
