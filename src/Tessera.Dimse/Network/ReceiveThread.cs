using System.IO.Pipelines;

namespace Tessera.Dimse.Network;

/// <summary>
/// The receive side of an association's transport: a thread of its own reads the stream and writes what it gets into a
/// pipe whose reader continues inline, on this thread.
/// </summary>
/// <remarks>
/// A socket read that .NET completes asynchronously wakes its event thread, which queues the continuation to the thread
/// pool, which wakes a worker, which wakes another in case more work comes: about ten context switches for each message of
/// a request/response exchange (measured: C-GET of small instances, 11.5 per sub-operation). Here the kernel wakes this
/// thread, and the association's receive loop — with what continues inline from it, such as the next sub-operation of a
/// C-GET — runs on it until it waits for something else. The model of DCMTK and Orthanc: one thread per association,
/// bounded by the server's maximum number of associations. Back-pressure is the pipe's: the thread blocks while the
/// receive loop is 1 MiB (or a maximum PDU) behind.
/// </remarks>
internal static class ReceiveThread
{
    private const int ReadSize = 64 * 1024;

    /// <summary>
    /// Starts the thread; the returned reader ends when the stream does (or with the exception that ended it).
    /// <paramref name="maxPduLength"/> is the largest PDU body the association accepts: the pipe holds a whole PDU
    /// before the thread waits for the reader, since the reader consumes nothing of a PDU until it has all of it.
    /// </summary>
    public static PipeReader Start(Stream stream, uint maxPduLength)
    {
        var pause = Math.Max(1024L * 1024, maxPduLength + (long)Pdus.Pdu.HeaderLength + ReadSize);
        var pipe = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: pause,
            resumeWriterThreshold: pause / 2,
            minimumSegmentSize: ReadSize,
            useSynchronizationContext: false));
        var thread = new Thread(() => Run(stream, pipe.Writer)) { IsBackground = true, Name = "DICOM receive" };
        thread.Start();
        return pipe.Reader;
    }

    private static void Run(Stream stream, PipeWriter writer)
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var read = stream.Read(writer.GetSpan(ReadSize));
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                var flush = writer.FlushAsync();
                var result = flush.IsCompleted ? flush.Result : flush.AsTask().GetAwaiter().GetResult();
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // Whatever ended the stream (a reset, a close from the association, a TLS error) is the reader's to see:
            // nothing thrown on this thread may take the process down.
            error = ex;
        }

        writer.Complete(error);
    }
}
