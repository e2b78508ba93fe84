using System.CommandLine.Parsing;
using System.Globalization;

namespace Tessera.Cli;

/// <summary>
/// Range checks of integer options and arguments. A token that is no integer at all is left to the parser, which reports it
/// as a usage error (exit 2); asking for its value in a validator would throw instead, and the command would crash.
/// </summary>
internal static class IntegerRange
{
    /// <summary>Adds <paramref name="message"/> (given the value) as an error when the token is an integer outside min–max.</summary>
    public static void Check(SymbolResult result, int min, int max, Func<int, string> message)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(message);
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
        {
            result.AddError(message(value));
        }
    }
}
