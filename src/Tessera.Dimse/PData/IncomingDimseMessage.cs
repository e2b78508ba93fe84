using System.IO.Pipelines;
using Tessera.Dimse.Messages;

namespace Tessera.Dimse.PData;

/// <summary>
/// A received DIMSE message, delivered as soon as its command set is complete. The data set, when there is
/// one, arrives through <see cref="DataSet"/> while later PDUs are still being received: read it (or
/// complete the reader) promptly, since the receive loop waits when the pipe is full. A handler awaiting the data set
/// continues on the receive thread when the data arrives, so it must not block there waiting for a later message of the
/// same association.
/// </summary>
public sealed record IncomingDimseMessage(byte PresentationContextId, DimseCommand Command, PipeReader? DataSet);
