namespace Tessera.Generator;

/// <summary>One output directory and the generated files (name → content) that belong in it.</summary>
public sealed record GeneratedTarget(string Directory, IReadOnlyDictionary<string, string> Files);
