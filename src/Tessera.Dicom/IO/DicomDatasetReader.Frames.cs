namespace Tessera.Dicom.IO;

/// <summary>The reader's explicit stack: one frame per open data set, sequence or pixel data fragment list.</summary>
public sealed partial class DicomDatasetReader
{
    private enum FrameKind : byte
    {
        /// <summary>The top-level data set or a sequence item: expects element headers.</summary>
        Dataset,

        /// <summary>A sequence: expects Item or Sequence Delimitation Item.</summary>
        Sequence,

        /// <summary>Encapsulated pixel data (PS3.5 A.4): expects items holding the offset table and fragments.</summary>
        Fragments,
    }

    private enum PendingKind : byte
    {
        None,
        Element,
        OffsetTable,
        Fragment,
    }

    /// <summary>
    /// Kept as a struct in a list, not as recursion: nesting depth costs no stack, and a frame costs
    /// no allocation beyond the item's data set.
    /// </summary>
    private struct Frame
    {
        public FrameKind Kind;

        /// <summary>Encoding inside this frame; an undefined-length UN switches it to implicit VR LE (CP-246).</summary>
        public bool ExplicitVR;

        public bool BigEndian;

        /// <summary>Absolute end for defined lengths, -1 for undefined length.</summary>
        public long End;

        /// <summary>The tightest known end of this frame or any enclosing one, for length checks.</summary>
        public long Limit;

        public long Start;

        /// <summary>The sequence or pixel data tag; Item for an item.</summary>
        public DicomTag Tag;

        public DicomVR VR;

        /// <summary>The item's (or top level's) data set; for a sequence or fragments, the data set holding it.</summary>
        public DicomDataset Dataset;

        public DicomSequence? Sequence;

        /// <summary>Created once the offset table item has been read.</summary>
        public DicomFragmentSequence? Fragments;

        public uint LastTag;

        public bool HasElements;
    }

    /// <summary>A value whose bytes are still arriving.</summary>
    private struct PendingValue
    {
        public PendingKind Kind;
        public DicomTag Tag;
        public DicomVR VR;
        public long Offset;
        public int Length;
        public int Filled;
        public byte[] Bytes;
        public bool BigEndian;
    }
}
