using Tessera.Archive.Index;

namespace Tessera.Server.Control;

/// <summary>
/// The one request line a control connection carries (JSON): <c>{"command":"ping"}</c>,
/// <c>{"command":"import","paths":["/abs/dir"],"parallel":4}</c> or <c>{"command":"check","verifyChecksums":true}</c>.
/// </summary>
/// <param name="Command"><c>ping</c>, <c>import</c> or <c>check</c>.</param>
/// <param name="Paths">import: absolute paths of files, folders and DICOMDIRs (the server's working folder is not the caller's).</param>
/// <param name="Parallel">import: files ingested at once, 1 to <see cref="ControlChannel.MaxParallel"/>.</param>
/// <param name="Duplicates">import: the policy the caller expects; refused when it is not the server's (the server has one writer and one policy).</param>
/// <param name="VerifyChecksums">check: read every file and compare its SHA-256.</param>
public sealed record ControlRequest(string Command, IReadOnlyList<string>? Paths = null, int Parallel = 0, DuplicatePolicy? Duplicates = null, bool VerifyChecksums = false);
