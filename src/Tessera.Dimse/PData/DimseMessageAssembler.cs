using System.Buffers;
using System.IO.Pipelines;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.PData;

/// <summary>
/// Reassembles PDVs into DIMSE messages (PS3.7 6.3.1, PS3.8 Annex E): command fragments are collected (they
/// are small and bounded), the data set is passed on through a pipe as it arrives, so a 2 GB instance never
/// sits in memory.
/// </summary>
public sealed class DimseMessageAssembler
{
    private readonly DimseMessageAssemblerOptions _options;
    private readonly Func<IncomingDimseMessage, CancellationToken, ValueTask> _onMessage;
    private readonly Func<byte, bool> _isAcceptedContext;
    private readonly ArrayBufferWriter<byte> _command = new();
    private byte? _commandContextId;
    private PipeWriter? _dataSet;
    private byte _dataSetContextId;
    private bool _discardDataSet;
    private long _unflushed;

    /// <param name="options">Bounds.</param>
    /// <param name="onMessage">Called on the receive loop when a command is complete; it must start the handling and return, not wait for the data set.</param>
    /// <param name="isAcceptedContext">Whether a presentation context ID was accepted on this association.</param>
    public DimseMessageAssembler(DimseMessageAssemblerOptions options, Func<IncomingDimseMessage, CancellationToken, ValueTask> onMessage, Func<byte, bool> isAcceptedContext)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onMessage);
        ArgumentNullException.ThrowIfNull(isAcceptedContext);
        _options = options;
        _onMessage = onMessage;
        _isAcceptedContext = isAcceptedContext;
    }

    /// <summary>True between a command announcing a data set and the data set's last fragment.</summary>
    public bool IsReceivingDataSet => _dataSet is not null;

    public async ValueTask OnPDataAsync(PDataTf pdu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        foreach (var pdv in pdu.Values)
        {
            if (!_isAcceptedContext(pdv.PresentationContextId))
            {
                throw new DimseProtocolException($"PDV on presentation context {pdv.PresentationContextId}, which was not accepted");
            }

            if (pdv.IsCommand)
            {
                await OnCommandFragmentAsync(pdv, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await OnDataSetFragmentAsync(pdv, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends a data set in progress with an error, so a handler reading it stops instead of waiting forever.</summary>
    public async ValueTask AbortAsync(Exception reason)
    {
        if (_dataSet is { } writer)
        {
            _dataSet = null;
            await writer.CompleteAsync(reason).ConfigureAwait(false);
        }
    }

    private async ValueTask OnCommandFragmentAsync(PresentationDataValue pdv, CancellationToken cancellationToken)
    {
        if (_dataSet is not null)
        {
            throw new DimseProtocolException("Command fragment received before the previous message's data set was complete");
        }

        if (_commandContextId is { } id && id != pdv.PresentationContextId)
        {
            throw new DimseProtocolException($"Command fragments on presentation contexts {id} and {pdv.PresentationContextId}");
        }

        if (_command.WrittenCount + pdv.Data.Length > _options.MaxCommandLength)
        {
            throw new DimseProtocolException($"Command set longer than {_options.MaxCommandLength} bytes");
        }

        _commandContextId = pdv.PresentationContextId;
        foreach (var segment in pdv.Data)
        {
            _command.Write(segment.Span);
        }

        if (!pdv.IsLastFragment)
        {
            return;
        }

        DimseCommand command;
        try
        {
            command = DimseCommandCodec.Decode(_command.WrittenSpan);
        }
        catch (DimseCommandException ex)
        {
            throw new DimseProtocolException($"Unreadable command set: {ex.Message}", ex);
        }
        finally
        {
            _command.ResetWrittenCount();
            _commandContextId = null;
        }

        PipeReader? reader = null;
        if (command.HasDataSet)
        {
            var pipe = new Pipe(new PipeOptions(
                pauseWriterThreshold: _options.DataSetPauseThreshold,
                resumeWriterThreshold: _options.DataSetResumeThreshold,
                minimumSegmentSize: _options.DataSetFlushThreshold,
                // A handler waiting for data continues inside the flush below, on the receive thread, instead of being
                // woken on the thread pool: a C-STORE handler copies each piece to its file and awaits the next one, so
                // the receive loop goes on where it would have waited for the copy anyway.
                readerScheduler: PipeScheduler.Inline,
                useSynchronizationContext: false));
            _dataSet = pipe.Writer;
            _dataSetContextId = pdv.PresentationContextId;
            _discardDataSet = false;
            _unflushed = 0;
            reader = pipe.Reader;
        }

        await _onMessage(new IncomingDimseMessage(pdv.PresentationContextId, command, reader), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnDataSetFragmentAsync(PresentationDataValue pdv, CancellationToken cancellationToken)
    {
        if (_dataSet is not { } writer)
        {
            throw new DimseProtocolException(_commandContextId is null
                ? "Data set fragment without a command announcing a data set"
                : "Data set fragment before the command set was complete");
        }

        if (pdv.PresentationContextId != _dataSetContextId)
        {
            throw new DimseProtocolException($"Data set fragment on presentation context {pdv.PresentationContextId}, command on {_dataSetContextId}");
        }

        if (!_discardDataSet)
        {
            foreach (var segment in pdv.Data)
            {
                writer.Write(segment.Span);
            }

            // Each flush runs the handler's reading. Peers send PDUs of 16 KiB (DCMTK's default) or less; handing over
            // whole pieces of FlushThreshold makes the handler write 64 KiB at a time, not 16.
            _unflushed += pdv.Data.Length;
            if (_unflushed >= _options.DataSetFlushThreshold || pdv.IsLastFragment)
            {
                _unflushed = 0;
                var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

                // The handler stopped reading (it answered early, e.g. with a failure): drain the rest of the data set.
                _discardDataSet = flush.IsCompleted;
            }
        }

        if (pdv.IsLastFragment)
        {
            _dataSet = null;
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
