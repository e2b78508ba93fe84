using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Services;

/// <summary>Verification SOP class SCP (PS3.4 Annex A): answers C-ECHO.</summary>
public interface IVerificationHandler
{
    ValueTask<DimseStatus> OnCEchoAsync(DimseRequestContext context, CancellationToken cancellationToken);
}
