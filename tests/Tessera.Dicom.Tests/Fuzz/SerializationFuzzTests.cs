using System.Diagnostics;
using System.Text;
using Tessera.Dicom.IO;
using Tessera.Dicom.Serialization;
using Tessera.Dicom.Tests.Corpus;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// <see cref="DicomJsonReader"/> and <see cref="DicomXmlReader"/> on mutated output of our writers
/// for the small corpus files: byte flips, truncation, spliced slices and token values replaced by
/// hostile ones (bad VRs and tags, huge or malformed numbers, broken base64, lone surrogates).
/// Deterministic, bounded; only <see cref="DicomException"/> may escape.
/// </summary>
public sealed class SerializationFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_127;
    private static readonly TimeSpan Budget = FuzzSettings.Budget(5);

    private static readonly string[] HostileStrings =
    [
        "", "ZZ", "SQ", "UN", "OB", "PN", "AT", "xyz", "0", "-1", "1e999", "-1e-999", "NaN", "99999999999999999999999",
        "FFFFFFFF", "00100010", "7FE00010", "FFFEE000", "GGGGGGGG", "0010001", "AAAA=", "A", "%%%", "\\ud800", "\\u0000",
        "a^b^c^d^e^f", "=", "1.2.3.", "20261126", "Value", "Alphabetic", "InlineBinary", "BulkDataURI", "vr", "http://x/",
    ];

    private static readonly string[] HostileNumbers =
        ["1e309", "-1e309", "-0", "99999999999999999999", "0.000000000000000000000000001", "1.5", "-2147483649", "4294967296", "18446744073709551616", "[]", "{}", "null", "\"1\""];

    public static IEnumerable<DicomDataset> SmallDatasets() =>
        CorpusFiles.Names
            .Where(name => !CorpusSkips.ReaderRejects.ContainsKey(name) && new FileInfo(CorpusFiles.PathOf(name)).Length <= 64 * 1024)
            .Select(name => DicomFile.Open(CorpusFiles.PathOf(name), new DicomReadOptions { BulkDataThreshold = int.MaxValue }).Dataset);

    [Fact]
    public void Mutated_JSON_fails_only_with_DicomException()
    {
        var inputs = SmallDatasets().Select(d => new DicomJsonWriter().SerializeToUtf8Bytes(d)).ToArray();
        Fuzz(inputs, '"', ".json", bytes => new DicomJsonReader().Read(bytes), json: true);
    }

    [Fact]
    public void Mutated_XML_fails_only_with_DicomException()
    {
        var inputs = SmallDatasets().Select(d => Encoding.UTF8.GetBytes(new DicomXmlWriter().Serialize(d))).ToArray();
        Fuzz(inputs, '"', ".xml", bytes => new DicomXmlReader().ReadAsync(new MemoryStream(bytes, writable: false)).GetAwaiter().GetResult(), json: false);
    }

    private void Fuzz(byte[][] inputs, char quote, string extension, Action<byte[]> parse, bool json)
    {
        var random = new Random(FuzzSettings.Seed(Seed));
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var rejected = 0;
        while (clock.Elapsed < Budget)
        {
            var original = inputs[random.Next(inputs.Length)];
            var mutated = Mutate(original, random, quote, json, out var mutation);
            cases++;
            rejected += FuzzCase.Run(mutated, $"case {cases} ({mutation})", extension, parse) ? 0 : 1;
        }

        output.WriteLine($"{cases} mutated documents from {inputs.Length} in {clock.Elapsed.TotalSeconds:F1} s, {rejected} rejected with DicomException");
        Assert.True(cases > 100);
    }

    private static byte[] Mutate(byte[] original, Random random, char quote, bool json, out string mutation)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                var bytes = (byte[])original.Clone();
                var flips = random.Next(1, 5);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                mutation = $"{flips} bit flips";
                return bytes;
            }

            case 1:
            {
                var cut = random.Next(original.Length);
                mutation = $"truncated at {cut}";
                return original[..cut];
            }

            case 2:
            {
                // A slice copied elsewhere: duplicated keys, attributes, items, nesting.
                var start = random.Next(original.Length);
                var count = Math.Min(random.Next(1, 400), original.Length - start);
                var at = random.Next(original.Length);
                mutation = $"{count} bytes from {start} inserted at {at}";
                return [.. original.AsSpan(0, at), .. original.AsSpan(start, count), .. original.AsSpan(at)];
            }

            case 3:
            {
                var start = random.Next(original.Length);
                var count = Math.Min(random.Next(1, 200), original.Length - start);
                mutation = $"{count} bytes deleted at {start}";
                return [.. original.AsSpan(0, start), .. original.AsSpan(start + count)];
            }

            case 4:
                return ReplaceQuoted(original, random, quote, out mutation);
            default:
                return json ? ReplaceNumber(original, random, out mutation) : ReplaceQuoted(original, random, quote, out mutation);
        }
    }

    /// <summary>The content of a random quoted string (JSON string, XML attribute value) replaced by a hostile one.</summary>
    private static byte[] ReplaceQuoted(byte[] original, Random random, char quote, out string mutation)
    {
        var text = Encoding.UTF8.GetString(original);
        var open = text.IndexOf(quote, random.Next(text.Length));
        var close = open < 0 ? -1 : text.IndexOf(quote, open + 1);
        if (close < 0)
        {
            mutation = "no quoted string found; unchanged";
            return original;
        }

        var hostile = HostileStrings[random.Next(HostileStrings.Length)];
        mutation = $"string at {open} '{text[(open + 1)..close]}' -> '{hostile}'";
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, open + 1), hostile, text.AsSpan(close)));
    }

    /// <summary>A JSON number (or a whole value array) replaced by a hostile number or a value of another type.</summary>
    private static byte[] ReplaceNumber(byte[] original, Random random, out string mutation)
    {
        var text = Encoding.UTF8.GetString(original);
        var start = text.IndexOfAny("-0123456789".ToCharArray(), random.Next(text.Length));
        if (start < 0 || (start > 0 && text[start - 1] is '"' or '.' or 'e' or 'E' or '-' || char.IsAsciiLetterOrDigit(text[start - 1])))
        {
            return ReplaceQuoted(original, random, '"', out mutation);
        }

        var end = start;
        while (end < text.Length && "+-.eE0123456789".Contains(text[end], StringComparison.Ordinal))
        {
            end++;
        }

        var hostile = HostileNumbers[random.Next(HostileNumbers.Length)];
        mutation = $"number at {start} '{text[start..end]}' -> {hostile}";
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, start), hostile, text.AsSpan(end)));
    }
}
