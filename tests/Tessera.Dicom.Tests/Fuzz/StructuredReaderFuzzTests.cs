using System.Buffers.Binary;
using System.Diagnostics;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// Mutations aimed at the reader's structure rather than random bytes: length fields of elements
/// inside sequence items, VR bytes, item and delimiter tags, defined-length items turned undefined,
/// the File Meta Information group length, the deflated payload and encapsulated fragment lengths.
/// Deterministic (fixed seed), bounded to <see cref="Budget"/>; only <see cref="DicomException"/> may escape.
/// </summary>
public sealed class StructuredReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_126;
    private static readonly TimeSpan Budget = FuzzSettings.Budget(10);
    private static readonly byte[] ItemTag = [0xFE, 0xFF, 0x00, 0xE0];
    private static readonly byte[] ItemDelimitationTag = [0xFE, 0xFF, 0x0D, 0xE0];
    private static readonly byte[] SequenceDelimitationTag = [0xFE, 0xFF, 0xDD, 0xE0];
    private static readonly byte[] PixelDataTag = [0xE0, 0x7F, 0x10, 0x00];
    private static readonly uint[] InterestingLengths = [0, 1, 2, 3, 7, 8, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFF0, 0xFFFF_FFFE, 0xFFFF_FFFF];

    private delegate string? Mutation(byte[] bytes, Random random);

    [Fact]
    public void Structure_aware_mutations_fail_only_with_DicomException()
    {
        var mutations = new (string Name, Mutation Apply)[]
        {
            ("length in item", LengthInsideItem),
            ("VR bytes", VRBytes),
            ("item tag", ItemTags),
            ("undefined-length item in defined-length sequence", UndefinedItemInDefinedSequence),
            ("meta group length", MetaGroupLength),
            ("deflated payload", DeflatedPayload),
            ("fragment length", FragmentLength),
        };
        var inputs = CorpusFiles.Names
            .Select(name => (Name: name, Bytes: File.ReadAllBytes(CorpusFiles.PathOf(name))))
            .Where(input => input.Bytes.Length <= 64 * 1024)
            .ToArray();
        var random = new Random(FuzzSettings.Seed(Seed));
        var applied = mutations.ToDictionary(m => m.Name, _ => 0);
        var rejected = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Budget)
        {
            var (name, original) = inputs[random.Next(inputs.Length)];
            var (kind, apply) = mutations[random.Next(mutations.Length)];
            var bytes = (byte[])original.Clone();
            if (apply(bytes, random) is not { } where)
            {
                continue; // this file has no such structure
            }

            applied[kind]++;
            var accepted = FuzzCase.Run(bytes, $"{name}: {kind} {where}", ".dcm", input => DicomFile.Read(new MemoryStream(input, writable: false)));
            rejected += accepted ? 0 : 1;
        }

        foreach (var (kind, count) in applied)
        {
            output.WriteLine($"{count,6} {kind}");
        }

        output.WriteLine($"{applied.Values.Sum()} mutated inputs in {clock.Elapsed.TotalSeconds:F1} s, {rejected} rejected with DicomException");
        Assert.All(applied, a => Assert.True(a.Value > 10, $"{a.Key}: only {a.Value} cases"));
    }

    /// <summary>The length field of the first element inside a sequence item (explicit or implicit VR).</summary>
    private static string? LengthInsideItem(byte[] bytes, Random random)
    {
        var item = Pick(bytes, ItemTag, random);
        if (item < 0 || item + 8 + 12 > bytes.Length)
        {
            return null;
        }

        var header = item + 8;
        var field = DicomVRExtensions.TryParse(bytes[header + 4], bytes[header + 5], out var vr)
            ? (vr.HasLongLength() ? header + 8 : header + 6)
            : header + 4;
        var value = InterestingLengths[random.Next(InterestingLengths.Length)];
        if (field == header + 6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(field), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), value);
        }

        return $"at {field} = 0x{value:X}";
    }

    /// <summary>Two VR letters of an explicit VR header replaced by another VR, or by two non-letters.</summary>
    private static string? VRBytes(byte[] bytes, Random random)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var at = random.Next(4, bytes.Length - 2);
            if (!DicomVRExtensions.TryParse(bytes[at], bytes[at + 1], out _))
            {
                continue;
            }

            string[] codes = ["SQ", "UN", "OB", "OW", "UT", "SS", "FD", "AT", "PN", "UC", "OV", "\0\0", "\xFF\xFF", "ZZ"];
            var code = codes[random.Next(codes.Length)];
            bytes[at] = (byte)code[0];
            bytes[at + 1] = (byte)code[1];
            return $"at {at} = '{code}'";
        }

        return null;
    }

    /// <summary>An item or delimiter tag turned into another one of the three, or into an ordinary tag.</summary>
    private static string? ItemTags(byte[] bytes, Random random)
    {
        byte[][] tags = [ItemTag, ItemDelimitationTag, SequenceDelimitationTag];
        var source = tags[random.Next(tags.Length)];
        var at = Pick(bytes, source, random);
        if (at < 0)
        {
            return null;
        }

        byte[][] replacements = [ItemTag, ItemDelimitationTag, SequenceDelimitationTag, [0xFE, 0xFF, 0x00, 0x00], [0x08, 0x00, 0x16, 0x00]];
        var replacement = replacements[random.Next(replacements.Length)];
        replacement.CopyTo(bytes, at);
        return $"at {at} = {Convert.ToHexString(replacement)}";
    }

    /// <summary>A defined-length item given undefined length (with no Item Delimitation Item to end it).</summary>
    private static string? UndefinedItemInDefinedSequence(byte[] bytes, Random random)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var at = Pick(bytes, ItemTag, random);
            if (at < 0 || at + 8 > bytes.Length)
            {
                return null;
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4)) != 0xFFFF_FFFF)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), 0xFFFF_FFFF);
                return $"at {at}";
            }
        }

        return null;
    }

    /// <summary>(0002,0000)'s value: the group length a Part 10 reader may use to find the data set.</summary>
    private static string? MetaGroupLength(byte[] bytes, Random random)
    {
        if (bytes.Length < 144 || !bytes.AsSpan(128, 4).SequenceEqual("DICM"u8) || bytes[132] != 0x02 || bytes[134] != 0x00 || bytes[135] != 0x00)
        {
            return null;
        }

        var current = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        uint[] candidates = [0, 1, current - 1, current + 1, current + 2, current * 2, (uint)bytes.Length, 0xFFFF_FFFF];
        var value = candidates[random.Next(candidates.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(140), value);
        return $"= {value} (was {current})";
    }

    /// <summary>Bytes of the deflate stream of a Deflated Explicit VR Little Endian file.</summary>
    private static string? DeflatedPayload(byte[] bytes, Random random)
    {
        var uid = "1.2.840.10008.1.2.1.99"u8;
        var at = bytes.AsSpan().IndexOf(uid);
        if (at < 0 || at > 1024)
        {
            return null;
        }

        // The data set follows the meta: start after the transfer syntax value and the meta's end, roughly.
        var start = Math.Min(bytes.Length - 1, at + uid.Length + 64 + random.Next(64));
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            bytes[random.Next(start, bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return $"{count} bit flips after {start}";
    }

    /// <summary>The length of a pixel item (Basic Offset Table or fragment) of encapsulated Pixel Data.</summary>
    private static string? FragmentLength(byte[] bytes, Random random)
    {
        var pixelData = bytes.AsSpan().LastIndexOf(PixelDataTag);
        if (pixelData < 0 || pixelData + 12 > bytes.Length || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pixelData + 8)) != 0xFFFF_FFFF)
        {
            return null;
        }

        var items = new List<int>();
        for (var at = pixelData + 12; at + 8 <= bytes.Length;)
        {
            if (!bytes.AsSpan(at, 4).SequenceEqual(ItemTag))
            {
                break;
            }

            items.Add(at);
            at += 8 + (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4)), int.MaxValue / 2);
        }

        if (items.Count == 0)
        {
            return null;
        }

        var item = items[random.Next(items.Count)];
        var old = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(item + 4));
        uint[] candidates = [0, 1, old - 1, old + 1, old + 2, old / 2, 0xFFFF_FFFF, 0x7FFF_FFFF];
        var value = candidates[random.Next(candidates.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(item + 4), value);
        return $"item at {item}: length {value} (was {old})";
    }

    /// <summary>A random occurrence of <paramref name="pattern"/>, or -1.</summary>
    private static int Pick(byte[] bytes, byte[] pattern, Random random)
    {
        var positions = new List<int>();
        var span = bytes.AsSpan();
        for (var at = span.IndexOf(pattern); at >= 0;)
        {
            positions.Add(at);
            var next = span[(at + 1)..].IndexOf(pattern);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return positions.Count == 0 ? -1 : positions[random.Next(positions.Count)];
    }
}
