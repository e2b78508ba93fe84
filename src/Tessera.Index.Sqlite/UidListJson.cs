using System.Text.Json.Serialization;

namespace Tessera.Index.Sqlite;

/// <summary>
/// A UID list as the JSON array SQLite's json_each reads: serialised by generated code, so the published native
/// executable (NativeAOT, which cannot generate serialisers at run time) and the tests run the same code.
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class UidListJson : JsonSerializerContext;
