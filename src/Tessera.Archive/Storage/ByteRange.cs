namespace Tessera.Archive.Storage;

/// <summary>A range of a blob: <paramref name="Offset"/> from its first byte, <paramref name="Length"/> bytes.</summary>
public readonly record struct ByteRange(long Offset, long Length);
