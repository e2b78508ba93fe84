namespace Tessera.Dimse.Messages;

/// <summary>A DIMSE status code (0000,0900) with its catalogue meaning.</summary>
public readonly record struct DimseStatus(ushort Code)
{
    public static readonly DimseStatus Success = new(0x0000);
    public static readonly DimseStatus Pending = new(0xFF00);
    public static readonly DimseStatus PendingWarning = new(0xFF01);
    public static readonly DimseStatus Cancel = new(0xFE00);
    public static readonly DimseStatus ProcessingFailure = new(0x0110);
    public static readonly DimseStatus SOPClassNotSupported = new(0x0122);
    public static readonly DimseStatus NotAuthorized = new(0x0124);
    public static readonly DimseStatus UnrecognizedOperation = new(0x0211);
    public static readonly DimseStatus DuplicateInvocation = new(0x0210);
    public static readonly DimseStatus ResourceLimitation = new(0x0213);
    public static readonly DimseStatus OutOfResources = new(0xA700);
    public static readonly DimseStatus OutOfResourcesSubOperations = new(0xA702);
    public static readonly DimseStatus MoveDestinationUnknown = new(0xA801);
    public static readonly DimseStatus SubOperationsCompleteWithFailures = new(0xB000);
    public static readonly DimseStatus NoSuchAction = new(0x0123);
    public static readonly DimseStatus InvalidArgumentValue = new(0x0115);
    public static readonly DimseStatus CannotUnderstand = new(0xC000);

    public DimseStatusCategory Category => DimseStatusCatalogue.Categorize(Code);

    public bool IsSuccess => Category == DimseStatusCategory.Success;

    public bool IsPending => Category == DimseStatusCategory.Pending;

    public bool IsFailure => Category == DimseStatusCategory.Failure;

    public string Meaning => DimseStatusCatalogue.Find(Code)?.Meaning ?? $"Unknown {Category.ToString().ToLowerInvariant()} status";

    public override string ToString() => $"{Code:X4}H ({Meaning})";
}
