using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Tests.Services;

/// <summary>
/// Instances that record when their data set is opened, and a store handler that files each one only once the instance
/// sent after it has been opened (or <see cref="Patience"/> passed), recording which came first.
/// </summary>
internal sealed class ReadAheadProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly List<(DicomInstanceSource Source, TaskCompletionSource Opened)> _instances = [];

    /// <summary>For each instance filed, in order: whether the next one was opened while it was being filed.</summary>
    public List<bool> NextOpenedWhileFiling { get; } = [];

    public List<byte[]> Received { get; } = [];

    /// <summary><paramref name="count"/> copies of <paramref name="source"/>, each with its own SOP Instance UID, that record their opening.</summary>
    public IReadOnlyList<DicomInstanceSource> Instances(DicomInstanceSource source, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tracked = source with
            {
                SopInstanceUid = $"{source.SopInstanceUid}.{i}",
                OpenDataSet = cancellationToken =>
                {
                    opened.TrySetResult();
                    return source.OpenDataSet(cancellationToken);
                },
            };
            _instances.Add((tracked, opened));
        }

        return [.. _instances.Select(i => i.Source)];
    }

    public IStoreHandler Handler() => new FilingHandler(this);

    private sealed class FilingHandler(ReadAheadProbe probe) : IStoreHandler
    {
        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            using var copy = new MemoryStream();
            await dataSet.CopyToAsync(copy, cancellationToken);
            var index = probe._instances.FindIndex(i => i.Source.SopInstanceUid == context.Command.AffectedSOPInstanceUID);
            if (index + 1 < probe._instances.Count)
            {
                var next = probe._instances[index + 1].Opened.Task;
                var first = await Task.WhenAny(next, Task.Delay(Patience, cancellationToken));
                probe.NextOpenedWhileFiling.Add(first == next);
            }

            probe.Received.Add(copy.ToArray());
            return DimseStatus.Success;
        }
    }
}
