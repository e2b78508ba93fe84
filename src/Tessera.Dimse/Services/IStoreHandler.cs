namespace Tessera.Dimse.Services;

/// <summary>
/// Storage SCP (PS3.4 Annex B): receives each C-STORE data set as a stream, in the transfer syntax of the
/// presentation context, while it is still arriving; write it to its destination as it comes. The answer is a status
/// and, for a refusal, an Error Comment saying why (a status alone converts to a response). A handler that throws is
/// answered with Processing Failure (0110H) and the exception's message as Error Comment; the association goes on.
/// The handler is called on the association's receive thread and continues there as each piece of the data set arrives:
/// work that blocks for long (a synchronous wait on a lock, a network call) belongs after an await that leaves it.
/// </summary>
public interface IStoreHandler
{
    ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken);
}
