namespace Tessera.Cli.Control;

/// <summary>How a run through the control channel ended.</summary>
/// <param name="Complete">The server said it was done.</param>
/// <param name="Error">The server's error, or why the connection broke.</param>
/// <param name="Usage">The error is the request's fault (exit 2).</param>
internal sealed record ControlOutcome(bool Complete, string? Error, bool Usage);
