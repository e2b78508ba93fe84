using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>An in-memory transport and service-user that records every effect the state machine asks for.</summary>
internal sealed class RecordingHost : IAssociationHost
{
    public List<Pdu> Sent { get; } = [];

    public List<string> Calls { get; } = [];

    public bool TransportOpen { get; set; } = true;

    public AAssociateRj? ProviderReject { get; set; }

    public AbortIndication? LastAbort { get; private set; }

    public ValueTask SendPduAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        Sent.Add(pdu);
        return ValueTask.CompletedTask;
    }

    public ValueTask OpenTransportAsync(CancellationToken cancellationToken) => Record("OpenTransport");

    public void CloseTransport()
    {
        TransportOpen = false;
        Calls.Add("CloseTransport");
    }

    public AAssociateRj? CheckAssociateRequest(AAssociateRq request) => ProviderReject;

    public ValueTask OnAssociateIndicationAsync(AAssociateRq request, CancellationToken cancellationToken) => Record("A-ASSOCIATE indication");

    public ValueTask OnAssociateAcceptedAsync(AAssociateAc accept, CancellationToken cancellationToken) => Record("A-ASSOCIATE accepted");

    public ValueTask OnAssociateRejectedAsync(AAssociateRj reject, CancellationToken cancellationToken) => Record("A-ASSOCIATE rejected");

    public ValueTask OnPDataIndicationAsync(PDataTf data, CancellationToken cancellationToken) => Record("P-DATA indication");

    public ValueTask OnReleaseIndicationAsync(bool collision, CancellationToken cancellationToken) => Record(collision ? "A-RELEASE indication (collision)" : "A-RELEASE indication");

    public ValueTask OnReleaseConfirmedAsync(CancellationToken cancellationToken) => Record("A-RELEASE confirmation");

    public ValueTask OnAbortIndicationAsync(AbortIndication abort, CancellationToken cancellationToken)
    {
        LastAbort = abort;
        return Record(abort.IsProviderAbort ? "A-P-ABORT indication" : "A-ABORT indication");
    }

    public void Clear()
    {
        Sent.Clear();
        Calls.Clear();
    }

    private ValueTask Record(string call)
    {
        Calls.Add(call);
        return ValueTask.CompletedTask;
    }
}
