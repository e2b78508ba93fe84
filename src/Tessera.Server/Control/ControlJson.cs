using System.Text.Json.Serialization;

namespace Tessera.Server.Control;

/// <summary>The control protocol's JSON, generated at build time (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlMessage))]
public sealed partial class ControlJson : JsonSerializerContext;
