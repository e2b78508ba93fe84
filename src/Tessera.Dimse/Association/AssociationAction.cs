namespace Tessera.Dimse.Association;

/// <summary>The actions of the DICOM Upper Layer protocol machine (PS3.8 Tables 9-6 to 9-9), AE-1 written Ae1.</summary>
public enum AssociationAction
{
    /// <summary>Issue TRANSPORT CONNECT request primitive to local transport service → Sta4.</summary>
    Ae1 = 1,

    /// <summary>Send A-ASSOCIATE-RQ PDU → Sta5.</summary>
    Ae2,

    /// <summary>Issue A-ASSOCIATE confirmation (accept) primitive → Sta6.</summary>
    Ae3,

    /// <summary>Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection → Sta1.</summary>
    Ae4,

    /// <summary>Issue transport connection response primitive; start ARTIM timer → Sta2.</summary>
    Ae5,

    /// <summary>Stop ARTIM; if the A-ASSOCIATE-RQ is acceptable by the service-provider issue A-ASSOCIATE indication → Sta3, otherwise send A-ASSOCIATE-RJ PDU and start ARTIM → Sta13.</summary>
    Ae6,

    /// <summary>Send A-ASSOCIATE-AC PDU → Sta6.</summary>
    Ae7,

    /// <summary>Send A-ASSOCIATE-RJ PDU and start ARTIM timer → Sta13.</summary>
    Ae8,

    /// <summary>Send P-DATA-TF PDU → Sta6.</summary>
    Dt1,

    /// <summary>Send P-DATA indication primitive → Sta6.</summary>
    Dt2,

    /// <summary>Send A-RELEASE-RQ PDU → Sta7.</summary>
    Ar1,

    /// <summary>Issue A-RELEASE indication primitive → Sta8.</summary>
    Ar2,

    /// <summary>Issue A-RELEASE confirmation primitive and close transport connection → Sta1.</summary>
    Ar3,

    /// <summary>Issue A-RELEASE-RP PDU and start ARTIM timer → Sta13.</summary>
    Ar4,

    /// <summary>Stop ARTIM timer → Sta1.</summary>
    Ar5,

    /// <summary>Issue P-DATA indication → Sta7.</summary>
    Ar6,

    /// <summary>Issue P-DATA-TF PDU → Sta8.</summary>
    Ar7,

    /// <summary>Issue A-RELEASE indication (release collision) → Sta9 if association-requestor, else Sta10.</summary>
    Ar8,

    /// <summary>Send A-RELEASE-RP PDU → Sta11.</summary>
    Ar9,

    /// <summary>Issue A-RELEASE confirmation primitive → Sta12.</summary>
    Ar10,

    /// <summary>Send A-ABORT PDU (service-user source) and start (or restart) ARTIM timer → Sta13.</summary>
    Aa1,

    /// <summary>Stop ARTIM timer if running; close transport connection → Sta1.</summary>
    Aa2,

    /// <summary>Issue A-ABORT (service-user initiated) or A-P-ABORT (service-provider initiated) indication and close transport connection → Sta1.</summary>
    Aa3,

    /// <summary>Issue A-P-ABORT indication primitive → Sta1.</summary>
    Aa4,

    /// <summary>Stop ARTIM timer → Sta1.</summary>
    Aa5,

    /// <summary>Ignore PDU → Sta13.</summary>
    Aa6,

    /// <summary>Send A-ABORT PDU → Sta13.</summary>
    Aa7,

    /// <summary>Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start ARTIM timer → Sta13.</summary>
    Aa8,
}
