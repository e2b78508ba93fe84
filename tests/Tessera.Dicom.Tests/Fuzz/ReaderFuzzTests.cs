using System.Buffers;
using System.Diagnostics;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;
using Tessera.Dicom.Tests.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// Deterministic mutation fuzzing of the reader over the corpus, bounded to about 10 seconds: bit
/// flips, truncation, huge length fields and deep nesting. The only acceptable failure is a
/// <see cref="DicomException"/>; every parse must finish quickly and allocate in proportion to its input.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_601;
    private static readonly TimeSpan Budget = FuzzSettings.Budget(10);
    private static readonly TimeSpan PerParseTimeout = TimeSpan.FromSeconds(10);
    private static readonly uint[] HugeLengths = [0xFFFF_FFFF, 0xFFFF_FFF0, 0x7FFF_FFFF];

    [Fact]
    public void Mutated_corpus_files_fail_only_with_DicomException()
    {
        var random = new Random(FuzzSettings.Seed(Seed));
        var inputs = CorpusFiles.Names
            .Select(name => File.ReadAllBytes(CorpusFiles.PathOf(name)))
            .Where(bytes => bytes.Length <= 64 * 1024)
            .ToArray();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var rejected = 0;
        while (clock.Elapsed < Budget)
        {
            var original = inputs[random.Next(inputs.Length)];
            var mutated = Mutate(original, random, out var mutation);
            cases++;
            if (!ParseSafely(mutated, mutation, cases))
            {
                rejected++;
            }
        }

        output.WriteLine($"{cases} mutated inputs in {clock.Elapsed.TotalSeconds:F1} s, {rejected} rejected with DicomException");
        Assert.True(cases > 100);
    }

    [Fact]
    public void Ten_thousand_nested_undefined_length_items_fail_cleanly()
    {
        var bytes = ReaderTests.DeepNesting(10_000);
        var file = new TestEncoder().Raw(ReaderLargeFileTests.Part10Header(DicomTransferSyntax.ImplicitVRLittleEndian.Uid)).Raw(bytes).ToArray();
        Assert.Throws<DicomException>(() => DicomFile.Read(new MemoryStream(file)));
    }

    /// <summary>Parses through the Part 10 driver and directly; false when rejected with a DicomException.</summary>
    private static bool ParseSafely(byte[] input, string mutation, int index)
    {
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var accepted = true;
            try
            {
                DicomFile.Read(new MemoryStream(input, writable: false));
            }
            catch (DicomException)
            {
                accepted = false;
            }

            try
            {
                var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian, length: input.Length);
                var buffer = new ReadOnlySequence<byte>(input);
                reader.Read(ref buffer, isFinalBlock: true);
            }
            catch (DicomException)
            {
            }

            // Values grow with the bytes received: a forged length may double them, plus a few
            // fixed 64 KiB buffers and per-element objects.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return (accepted, allocated);
        });

        try
        {
            if (!task.Wait(PerParseTimeout))
            {
                throw new TimeoutException($"case {index} ({mutation}) did not finish within {PerParseTimeout} (input kept in {FuzzCase.Keep(input, ".dcm")})");
            }
        }
        catch (AggregateException exception) when (exception.InnerException is not null)
        {
            throw new InvalidOperationException(
                $"case {index} ({mutation}) threw {exception.InnerException.GetType().Name}: {exception.InnerException.Message} (input kept in {FuzzCase.Keep(input, ".dcm")})",
                exception.InnerException);
        }

        var (accepted, allocated) = task.Result;
        var bound = 64L * input.Length + 4_000_000;
        if (allocated > bound)
        {
            throw new InvalidOperationException($"case {index} ({mutation}) allocated {allocated:N0} bytes for {input.Length:N0} bytes of input (input kept in {FuzzCase.Keep(input, ".dcm")})");
        }

        return accepted;
    }

    private static byte[] Mutate(byte[] original, Random random, out string mutation)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                mutation = $"{flips} bit flips";
                return bytes;
            case 1:
                var cut = random.Next(bytes.Length);
                mutation = $"truncated at {cut}";
                return bytes[..cut];
            case 2:
                // A length field: right after a VR of either header form, or anywhere 4-aligned.
                var position = FindLengthField(bytes, random);
                var huge = HugeLengths[random.Next(HugeLengths.Length)];
                BitConverter.TryWriteBytes(bytes.AsSpan(position), huge);
                mutation = $"length 0x{huge:X8} at {position}";
                return bytes;
            default:
                var start = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 64), bytes.Length - start);
                random.NextBytes(bytes.AsSpan(start, count));
                mutation = $"{count} random bytes at {start}";
                return bytes;
        }
    }

    private static int FindLengthField(byte[] bytes, Random random)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var at = random.Next(4, bytes.Length - 8);
            if (DicomVRExtensions.TryParse(bytes[at], bytes[at + 1], out var vr))
            {
                var field = vr.HasLongLength() ? at + 4 : at + 2;
                if (field + 4 <= bytes.Length)
                {
                    return field;
                }
            }
        }

        return random.Next(bytes.Length / 4 - 1) * 4;
    }
}
