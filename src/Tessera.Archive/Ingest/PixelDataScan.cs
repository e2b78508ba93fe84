using Tessera.Archive.Storage;

namespace Tessera.Archive.Ingest;

/// <summary>What <see cref="PixelDataScanner"/> found: the frames, and whether the element deviates from PS3.5 (null: not looked at).</summary>
internal sealed record PixelDataScan(FrameIndex Frames, bool? Deviates);
