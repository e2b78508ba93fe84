namespace Tessera.Server.Import;

public enum ImportEventKind
{
    /// <summary>Something the user should know that is no failure (a DICOMDIR record pointing off the medium).</summary>
    Warning,

    /// <summary>A file found in a folder that is not DICOM: skipped, not a failure.</summary>
    Skipped,

    /// <summary>A path given that does not exist: a failure.</summary>
    NotFound,

    /// <summary>What is going to be ingested: <see cref="ImportEvent.Files"/> files of <see cref="ImportEvent.Bytes"/> bytes.</summary>
    Planned,

    /// <summary>One file ingested: <see cref="ImportEvent.Outcome"/>, and for a refusal its <see cref="ImportEvent.Reason"/>.</summary>
    File,
}
