using System.Net;

namespace Tessera.Server;

/// <summary>One entry of <c>Tessera:Dicom:AllowedCallingAETitles</c>: a calling AE title, optionally only from one IP address ("AE@ADDRESS").</summary>
public sealed record AllowedCaller(string AETitle, IPAddress? Address)
{
    /// <summary>
    /// "AE" or "AE@ADDRESS". The address is an IP address, not a host name: the check runs for every association and must
    /// not wait on (or be steered by) DNS. The last '@' separates, since the AE title's repertoire allows '@' (PS3.5 6.2).
    /// </summary>
    public static bool TryParse(string entry, out AllowedCaller? caller, out string? error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        caller = null;
        var at = entry.LastIndexOf('@');
        var title = (at < 0 ? entry : entry[..at]).Trim();
        IPAddress? address = null;
        if (at >= 0 && !IPAddress.TryParse(entry[(at + 1)..].Trim('[', ']', ' '), out address))
        {
            error = $"'{entry}': '{entry[(at + 1)..]}' is not an IP address";
            return false;
        }

        if (title.Length is 0 or > 16 || title.Contains('\\', StringComparison.Ordinal))
        {
            error = $"'{entry}': the AE title must have 1 to 16 characters and no backslash (PS3.5 6.2)";
            return false;
        }

        caller = new AllowedCaller(title, address is null ? null : Normalize(address));
        error = null;
        return true;
    }

    /// <summary>Whether an association from <paramref name="callingAETitle"/> at <paramref name="remote"/> is this entry.</summary>
    public bool Matches(string callingAETitle, IPAddress? remote) =>
        string.Equals(AETitle, callingAETitle.Trim(), StringComparison.Ordinal)
        && (Address is null || (remote is not null && Address.Equals(Normalize(remote))));

    /// <summary>A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.</summary>
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
