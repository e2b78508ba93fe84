using System.Globalization;
using Tessera.Dimse.Services;

namespace Tessera.Server;

/// <summary>Parses the peer notations of the configuration: "HOST:PORT" (an IPv6 host in brackets) and "AE=HOST:PORT" (the --peer flag).</summary>
public static class PeerAddress
{
    public static bool TryParse(string aeTitle, string address, out RemoteApplicationEntity? peer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(aeTitle);
        ArgumentNullException.ThrowIfNull(address);
        peer = null;
        aeTitle = aeTitle.Trim();
        if (aeTitle.Length is 0 or > 16)
        {
            error = $"peer AE title '{aeTitle}' must have 1 to 16 characters (PS3.5 6.2)";
            return false;
        }

        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"peer {aeTitle}: '{address}' is not HOST:PORT";
            return false;
        }

        var host = address[..colon].Trim('[', ']');
        peer = new RemoteApplicationEntity(aeTitle, host, port);
        error = null;
        return true;
    }

    /// <summary>"AE=HOST:PORT" → the AE title and "HOST:PORT".</summary>
    public static bool TrySplitFlag(string value, out string aeTitle, out string address)
    {
        ArgumentNullException.ThrowIfNull(value);
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        aeTitle = equals > 0 ? value[..equals] : string.Empty;
        address = equals > 0 ? value[(equals + 1)..] : string.Empty;
        return equals > 0;
    }
}
