using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dimse.Association;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Network;

/// <summary>Requestor and acceptor associations wired back to back over in-memory pipes: the whole stack without a socket.</summary>
public sealed class InMemoryAssociationTests
{
    [Fact]
    public async Task EchoAndReleaseOverPipes()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var serverOptions = new DicomServerOptions { AETitle = "SCP" };
        var negotiator = new PresentationContextNegotiator([new SupportedAbstractSyntax(DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])]);
        var dispatcher = new DicomServiceDispatcher(serverOptions, negotiator, false, new DicomServerHandlers(), new DicomServerConnector(serverOptions, NullLogger.Instance, TimeProvider.System), NullLogger.Instance);
        await using var server = new DicomAssociation(new DuplexPipe(toServer.Reader, toClient.Writer), () => toClient.Writer.Complete(), AssociationRole.Acceptor, serverOptions.Association, null, dispatcher, dispatcher, null, null);
        await using var client = new DicomAssociation(new DuplexPipe(toClient.Reader, toServer.Writer), () => toServer.Writer.Complete(), AssociationRole.Requestor, new DicomAssociationOptions(), null, null, null, null, null);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var serverLoop = server.RunAsync(timeout.Token);
        await client.RequestAsync(
            new AAssociateRq
            {
                CalledAETitle = "SCP",
                CallingAETitle = "SCU",
                PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ExplicitVRLittleEndian, DimseUids.ImplicitVRLittleEndian])],
                UserInformation = new UserInformation { MaximumLength = 22, ImplementationClassUid = "1.2.3" },
            },
            timeout.Token);
        var clientLoop = client.RunAsync(timeout.Token);
        await client.Established.WaitAsync(timeout.Token);
        Assert.Equal(DimseUids.ImplicitVRLittleEndian, Assert.Single(client.PresentationContexts).TransferSyntax);

        // The client announced a 22-byte maximum: the server's response reaches it in 16-byte fragments.
        var response = await client.SendRequestAsync(DimseCommands.CEchoRq(0), null, timeout.Token);
        Assert.Equal(CommandField.CEchoRsp, response.Command.CommandField);
        Assert.Equal(DimseStatus.Success.Code, response.Command.Status);

        await client.ReleaseAsync(timeout.Token);
        await Task.WhenAll(serverLoop, clientLoop).WaitAsync(timeout.Token);
        Assert.Equal(AssociationState.Sta1, client.State);
        Assert.Equal(AssociationState.Sta1, server.State);
    }
}
