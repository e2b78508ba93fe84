using System.Globalization;
using System.Numerics;
using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomUidTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.5.1.4.1.1.2")]
    [InlineData("0.0")]
    [InlineData("2.25.329800735698586629295641978511506172918")] // PS3.5 B.2 example
    [InlineData("1.2.826.0.1.3680043.8.498.80512978961795763786957351072754445307")] // 64 characters
    public void Valid_UIDs(string uid) => Assert.True(DicomUid.IsValid(uid));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1.2.840.10008.1.2.01", "leading zero")]
    [InlineData("1..2", "empty")]
    [InlineData("1.2.", "empty")]
    [InlineData(".1.2", "empty")]
    [InlineData("1.2.a", "not all digits")]
    [InlineData("1.2 ", "not all digits")]
    [InlineData("1.2.826.0.1.3680043.8.498.805129789617957637869573510727544453071", "more than 64")]
    public void Invalid_UIDs_say_why(string uid, string reason)
    {
        Assert.False(DicomUid.TryValidate(uid, DicomParseMode.Strict, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<DicomException>(() => DicomUid.Validate(uid));
    }

    [Fact]
    public void Lenient_accepts_leading_zeros_and_padding_but_not_garbage()
    {
        Assert.True(DicomUid.IsValid("1.2.123.456.78.9.0123.4567.89012345678901", DicomParseMode.Lenient));
        Assert.True(DicomUid.IsValid("1.2.840.10008.1.2\0", DicomParseMode.Lenient));
        Assert.False(DicomUid.IsValid("1..2", DicomParseMode.Lenient));
        Assert.False(DicomUid.IsValid("1.2.x", DicomParseMode.Lenient));
    }

    [Fact]
    public void Generated_UIDs_are_valid_and_distinct()
    {
        var uids = Enumerable.Range(0, 1000).Select(_ => DicomUidGenerator.Create()).ToHashSet();
        Assert.Equal(1000, uids.Count);
        Assert.All(uids, uid =>
        {
            Assert.StartsWith("2.25.", uid, StringComparison.Ordinal);
            Assert.True(DicomUid.IsValid(uid), uid);
            Assert.True(uid.Length <= 44);
        });
    }

    [Fact]
    public void The_UUID_is_read_as_one_big_endian_integer()
    {
        // PS3.5 B.2: UUID f81d4fae-7dec-11d0-a765-00a0c91e6bf6 → 2.25.329800735698586629295641978511506172918.
        Assert.Equal("2.25.329800735698586629295641978511506172918", DicomUidGenerator.FromUuid(new Guid("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
        Assert.Equal("2.25.0", DicomUidGenerator.FromUuid(Guid.Empty));
        Assert.Equal("2.25." + BigInteger.Parse("340282366920938463463374607431768211455", CultureInfo.InvariantCulture), DicomUidGenerator.FromUuid(Guid.AllBitsSet));
    }

    [Fact]
    public void Names_map_to_the_same_UID_every_time()
    {
        var a = DicomUidGenerator.FromName("PATIENT-1/STUDY-7");
        Assert.Equal(a, DicomUidGenerator.FromName("PATIENT-1/STUDY-7"));
        Assert.NotEqual(a, DicomUidGenerator.FromName("PATIENT-1/STUDY-8"));
        Assert.NotEqual(a, DicomUidGenerator.FromName("PATIENT-1/STUDY-7", Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")));
        Assert.True(DicomUid.IsValid(a));

        // RFC 9562 A.4 vector: version 5 UUID of "www.example.com" in the DNS namespace.
        Assert.Equal(
            DicomUidGenerator.FromUuid(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2")),
            DicomUidGenerator.FromName("www.example.com", Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")));
    }
}
