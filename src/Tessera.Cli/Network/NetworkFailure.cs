using System.Net.Sockets;
using Tessera.Dimse.Association;
using Tessera.Dimse.Network;
using Tessera.Dimse.PData;

namespace Tessera.Cli.Network;

/// <summary>Turns what can go wrong on an association into the one-line message a DCMTK user expects on stderr.</summary>
internal static class NetworkFailure
{
    /// <summary>Whether <paramref name="exception"/> is a network or protocol outcome (exit 1) rather than a bug.</summary>
    public static bool IsExpected(Exception exception) => exception is SocketException or IOException or TimeoutException
        or DicomAssociationRejectedException or DicomAssociationAbortedException or DimseProtocolException or AssociationStateException
        or OperationCanceledException;

    public static string Describe(Exception exception) => exception switch
    {
        SocketException socket => $"cannot connect: {socket.Message}",
        DicomAssociationRejectedException rejected when rejected.Reject is { } rj => $"association rejected: {rj.Result}, source {rj.Source}, reason {rj.Reason}",
        OperationCanceledException => "timed out or cancelled",
        TimeoutException => "timed out waiting for the peer",
        _ => exception.Message,
    };
}
