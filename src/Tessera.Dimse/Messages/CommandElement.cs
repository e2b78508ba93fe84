using Tessera.Dicom;

namespace Tessera.Dimse.Messages;

/// <summary>One row of PS3.7 Table E.1-1: a command element's tag, fixed VR and keyword.</summary>
public sealed record CommandElement(DicomTag Tag, DicomVR VR, string Keyword);
