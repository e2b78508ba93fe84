using Tessera.Archive.Ingest;

namespace Tessera.Server.Import;

/// <summary>
/// One step of an import, as the console shows it and as the control channel streams it (one JSON line each): the
/// same events whether the import runs in the CLI or inside the server.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The file or path concerned.</param>
/// <param name="Outcome">For <see cref="ImportEventKind.File"/>: the ingest outcome.</param>
/// <param name="Reason">For a refusal, the status message and detail; for a warning, the message.</param>
/// <param name="Bytes">The file's size, or for <see cref="ImportEventKind.Planned"/> the total.</param>
/// <param name="Files">For <see cref="ImportEventKind.Planned"/>: the number of files to ingest.</param>
public sealed record ImportEvent(ImportEventKind Kind, string? Path = null, IngestOutcome? Outcome = null, string? Reason = null, long Bytes = 0, int Files = 0);
