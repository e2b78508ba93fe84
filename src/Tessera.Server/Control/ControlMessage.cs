using Tessera.Server.Import;

namespace Tessera.Server.Control;

/// <summary>
/// One line the server sends back (JSON). A run is a stream of them: import events or check findings as they happen,
/// then one with <see cref="Done"/> (and for check, <see cref="Checked"/>); or one with <see cref="Error"/>.
/// </summary>
/// <param name="Import">An import step, the same event direct mode reports.</param>
/// <param name="Finding">A check finding.</param>
/// <param name="Checked">The check's totals, with the last message.</param>
/// <param name="Error">The request failed (malformed, refused, server stopping); the connection closes after it.</param>
/// <param name="Usage">The error is the request's fault (a wrong option), not the server's or the data's.</param>
/// <param name="Done">The last message of a successful run.</param>
/// <param name="Server">ping: who answers ("tessera serve, process N").</param>
public sealed record ControlMessage(
    ImportEvent? Import = null,
    CheckFinding? Finding = null,
    CheckSummary? Checked = null,
    string? Error = null,
    bool Usage = false,
    bool Done = false,
    string? Server = null);
