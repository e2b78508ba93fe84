namespace Tessera.Dimse.Pdus;

/// <summary>Item and sub-item types of the A-ASSOCIATE PDUs (PS3.8 9.3.2–9.3.3 and Annex D).</summary>
public enum ItemType : byte
{
    ApplicationContext = 0x10,
    PresentationContextRq = 0x20,
    PresentationContextAc = 0x21,
    AbstractSyntax = 0x30,
    TransferSyntax = 0x40,
    UserInformation = 0x50,
    MaximumLength = 0x51,
    ImplementationClassUid = 0x52,
    AsynchronousOperationsWindow = 0x53,
    ScpScuRoleSelection = 0x54,
    ImplementationVersionName = 0x55,
    SopClassExtendedNegotiation = 0x56,
    SopClassCommonExtendedNegotiation = 0x57,
    UserIdentityRq = 0x58,
    UserIdentityAc = 0x59,
}
