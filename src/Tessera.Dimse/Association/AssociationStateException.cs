namespace Tessera.Dimse.Association;

/// <summary>A local primitive issued in a state where PS3.8 Table 9-10 defines no transition for it.</summary>
public sealed class AssociationStateException : InvalidOperationException
{
    public AssociationStateException()
    {
    }

    public AssociationStateException(string message)
        : base(message)
    {
    }

    public AssociationStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AssociationStateException(AssociationState state, AssociationEvent evt)
        : base($"{evt} is not defined in {state} (PS3.8 Table 9-10)")
    {
        State = state;
        Event = evt;
    }

    public AssociationState State { get; }

    public AssociationEvent Event { get; }
}
