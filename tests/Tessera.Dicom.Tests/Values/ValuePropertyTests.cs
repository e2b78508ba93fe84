using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using CsCheck;
using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

/// <summary>Every parse/format pair: parse(format(v)) == v, and format(parse(x)) == x for canonical text x.</summary>
public class ValuePropertyTests
{
    private static readonly Gen<DicomDate> GenDate =
        Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 31], (y, m, d) => new DicomDate(y, m, Math.Min(d, DateTime.DaysInMonth(y, m))));

    private static readonly Gen<DicomTime> GenTime =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 60], Gen.Int[1, 6], Gen.Int[0, 999_999], MakeTime);

    private static readonly Gen<TimeSpan?> GenOffset =
        Gen.Select(Gen.Bool, Gen.Int[-720, 840], (has, minutes) => has ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null);

    private static readonly Gen<DicomDateTime> GenDateTime =
        Gen.Select(GenDate, Gen.Int[0, 6], GenTime, GenOffset, MakeDateTime);

    private static readonly Gen<string> GenComponent =
        Gen.String[Gen.Char["ABCxyz .-'0"], 0, 8];

    private static readonly Gen<DicomPersonNameGroup> GenGroup =
        Gen.Select(GenComponent, GenComponent, GenComponent, GenComponent, GenComponent, (a, b, c, d, e) => new DicomPersonNameGroup(a, b, c, d, e));

    private static readonly Gen<DicomPersonName> GenName =
        Gen.Select(GenGroup, GenGroup, GenGroup, (a, i, p) => new DicomPersonName(a, i, p));

    [Fact]
    public void Dates_round_trip() => GenDate.Sample(date =>
    {
        var text = date.ToString();
        Assert.Equal(date, DicomDate.Parse(text));
        Assert.Equal(text, DicomDate.Parse(text).ToString());
        Assert.Equal(date, DicomDate.Parse(text[..4] + "." + text[4..6] + "." + text[6..], DicomParseMode.Lenient));
    });

    [Fact]
    public void Times_round_trip() => GenTime.Sample(time =>
    {
        var text = time.ToString();
        var parsed = DicomTime.Parse(text);
        Assert.Equal(time, parsed);
        Assert.Equal(text, parsed.ToString());
        Assert.True(time.LowerBound <= time.UpperBound);
    });

    [Fact]
    public void Date_times_round_trip() => GenDateTime.Sample(value =>
    {
        var text = value.ToString();
        var parsed = DicomDateTime.Parse(text);
        Assert.Equal(value, parsed);
        Assert.Equal(text, parsed.ToString());
        Assert.True(value.LowerBound <= value.UpperBound);
    });

    [Fact]
    public void Date_time_ranges_round_trip_and_contain_their_ends() =>
        Gen.Select(GenDateTime, GenDateTime, Gen.Int[0, 2]).Sample((a, b, shape) =>
        {
            var (low, high) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
            var range = shape switch
            {
                0 => new DicomDateTimeRange(low, high),
                1 => new DicomDateTimeRange(low, null),
                _ => new DicomDateTimeRange(null, high),
            };
            var parsed = DicomDateTimeRange.Parse(range.ToString());
            Assert.Equal(range.Start?.ToString(), parsed.Start?.ToString());
            Assert.Equal(range.End?.ToString(), parsed.End?.ToString());
            if (range.Start is { } start && (start.Offset is null || range.End?.Offset is null))
            {
                Assert.True(parsed.Contains(start));
            }
        });

    [Fact]
    public void Time_ranges_contain_every_instant_of_a_single_value() =>
        Gen.Select(GenTime, Gen.Double[0, 1]).Sample((time, fraction) =>
        {
            var range = DicomTimeRange.Parse(time.ToString());
            var span = time.UpperBound - time.LowerBound;
            var inside = time.LowerBound + TimeSpan.FromTicks((long)(span.Ticks * fraction) / 10 * 10);
            Assert.True(range.Contains(inside));
            Assert.False(range.Contains(time.UpperBound + TimeSpan.FromTicks(10)));
            Assert.False(range.Contains(time.LowerBound - TimeSpan.FromTicks(10)));
        });

    [Fact]
    public void Person_names_round_trip() => GenName.Sample(name =>
    {
        var text = name.ToString();
        var parsed = DicomPersonName.Parse(text);
        Assert.Equal(name, parsed);
        Assert.Equal(text, parsed.ToString());
    });

    [Fact]
    public void Ages_round_trip() =>
        Gen.Select(Gen.Int[0, 999], Gen.OneOfConst(DicomAgeUnit.Days, DicomAgeUnit.Weeks, DicomAgeUnit.Months, DicomAgeUnit.Years)).Sample((value, unit) =>
        {
            var age = new DicomAge(value, unit);
            Assert.Equal(age, DicomAge.Parse(age.ToString()));
            Assert.Equal(age.ToString(), DicomAge.Parse(age.ToString()).ToString());
        });

    [Fact]
    public void Decimal_strings_fit_and_round_trip_when_they_can() =>
        Gen.Double.Where(double.IsFinite).Sample(value =>
        {
            var text = DicomDecimalString.Format(value);
            Assert.True(text.Length <= DicomDecimalString.MaximumLength, text);
            var parsed = DicomDecimalString.ParseDouble(text);
            var shortest = value.ToString("R", CultureInfo.InvariantCulture);
            if (shortest.Length <= DicomDecimalString.MaximumLength)
            {
                Assert.Equal(value, parsed);
                Assert.Equal(shortest, DicomDecimalString.Format(parsed));
            }
            else
            {
                // At least 10 significant digits survive in 16 characters ("-1.234567891E-100").
                Assert.True(Math.Abs(parsed - value) <= Math.Abs(value) * 1e-9, $"{value} → {text}");
            }
        });

    [Fact]
    public void Integer_strings_round_trip() => Gen.Int.Sample(value =>
    {
        var text = DicomIntegerString.Format(value);
        Assert.True(text.Length <= DicomIntegerString.MaximumLength);
        Assert.Equal(value, DicomIntegerString.Parse(text));
        Assert.Equal(text, DicomIntegerString.Format(DicomIntegerString.Parse(text)));
    });

    [Fact]
    public void UUID_derived_UIDs_are_valid_and_reversible() =>
        Gen.Select(Gen.ULong, Gen.ULong).Sample((high, low) =>
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
            var uuid = new Guid(bytes, bigEndian: true);
            var uid = DicomUidGenerator.FromUuid(uuid);
            Assert.True(DicomUid.IsValid(uid), uid);
            Assert.Equal((new BigInteger(high) << 64) | low, BigInteger.Parse(uid[5..], CultureInfo.InvariantCulture));
        });

    [Fact]
    public void Attribute_tags_round_trip() =>
        Gen.UInt.Array[0, 8].Sample(values =>
        {
            var tags = Array.ConvertAll(values, v => new DicomTag(v));
            Assert.Equal(tags, DicomAttributeTag.Read(DicomAttributeTag.Write(tags)));
        });

    private static DicomTime MakeTime(int precision, int hour, int minute, int second, int digits, int microsecond) => precision switch
    {
        0 => new DicomTime(hour),
        1 => new DicomTime(hour, minute),
        2 => new DicomTime(hour, minute, second),
        _ => new DicomTime(hour, minute, second, microsecond / DicomPow10(6 - digits) * DicomPow10(6 - digits), digits),
    };

    private static DicomDateTime MakeDateTime(DicomDate date, int precision, DicomTime time, TimeSpan? offset) => precision switch
    {
        0 => new DicomDateTime(date.Year, offset: offset),
        1 => new DicomDateTime(date.Year, date.Month, offset: offset),
        2 => DicomDateTime.FromDateAndTime(date, null, offset),
        _ => DicomDateTime.FromDateAndTime(date, time, offset),
    };

    private static int DicomPow10(int exponent) => (int)Math.Pow(10, exponent);
}
