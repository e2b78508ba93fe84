using System.Text;
using Tessera.Server.Control;

namespace Tessera.Cli.Tests.Control;

/// <summary>The control channel's bounded line framing, on both ends.</summary>
public sealed class ControlLineReaderTests
{
    [Fact]
    public async Task Lines_are_split_at_newlines_with_a_trailing_CR_removed_and_null_at_the_end()
    {
        var reader = new ControlLineReader(new MemoryStream("{\"a\":1}\r\n\n{\"b\":2}\n"u8.ToArray()), 16);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await reader.ReadLineAsync(CancellationToken.None))!));
        Assert.Equal(string.Empty, Encoding.UTF8.GetString((await reader.ReadLineAsync(CancellationToken.None))!));
        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString((await reader.ReadLineAsync(CancellationToken.None))!));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_line_longer_than_the_bound_or_cut_off_is_refused()
    {
        var longLine = new ControlLineReader(new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 17) + "\n")), 16);
        var cut = new ControlLineReader(new MemoryStream("{\"a\""u8.ToArray()), 16);

        var tooLong = await Assert.ThrowsAsync<InvalidDataException>(() => longLine.ReadLineAsync(CancellationToken.None).AsTask());
        Assert.Equal("line longer than 16 bytes", tooLong.Message);
        await Assert.ThrowsAsync<InvalidDataException>(() => cut.ReadLineAsync(CancellationToken.None).AsTask());
    }
}
