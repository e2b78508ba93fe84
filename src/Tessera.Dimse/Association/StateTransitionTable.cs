using static Tessera.Dimse.Association.AssociationAction;

namespace Tessera.Dimse.Association;

/// <summary>
/// PS3.8 Table 9-10 (section 9.2.3), the state transition table, transcribed row for row so it can be checked against the
/// standard by eye. A blank cell (<c>__</c>) means the event cannot occur in that state. StateTransitionTableStandardTests
/// compares every cell, and its next state, with the standard's own table.
/// </summary>
public static class StateTransitionTable
{
    private static readonly AssociationAction? __ = null;

    // Columns:                             Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9  Sta10 Sta11 Sta12 Sta13
    private static readonly AssociationAction?[][] Rows =
    [
        /* Evt1  A-ASSOCIATE rq (local)  */ [Ae1, __, __, __, __, __, __, __, __, __, __, __, __],
        /* Evt2  transport confirm       */ [__, __, __, Ae2, __, __, __, __, __, __, __, __, __],
        /* Evt3  A-ASSOCIATE-AC PDU      */ [__, Aa1, Aa8, __, Ae3, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa6],
        /* Evt4  A-ASSOCIATE-RJ PDU      */ [__, Aa1, Aa8, __, Ae4, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa6],
        /* Evt5  transport indication    */ [Ae5, __, __, __, __, __, __, __, __, __, __, __, __],
        /* Evt6  A-ASSOCIATE-RQ PDU      */ [__, Ae6, Aa8, __, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa7],
        /* Evt7  A-ASSOCIATE rsp accept  */ [__, __, Ae7, __, __, __, __, __, __, __, __, __, __],
        /* Evt8  A-ASSOCIATE rsp reject  */ [__, __, Ae8, __, __, __, __, __, __, __, __, __, __],
        /* Evt9  P-DATA rq (local)       */ [__, __, __, __, __, Dt1, __, Ar7, __, __, __, __, __],
        /* Evt10 P-DATA-TF PDU           */ [__, Aa1, Aa8, __, Aa8, Dt2, Ar6, Aa8, Aa8, Aa8, Aa8, Aa8, Aa6],
        /* Evt11 A-RELEASE rq (local)    */ [__, __, __, __, __, Ar1, __, __, __, __, __, __, __],
        /* Evt12 A-RELEASE-RQ PDU        */ [__, Aa1, Aa8, __, Aa8, Ar2, Ar8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa6],
        /* Evt13 A-RELEASE-RP PDU        */ [__, Aa1, Aa8, __, Aa8, Aa8, Ar3, Aa8, Aa8, Ar10, Ar3, Aa8, Aa6],
        /* Evt14 A-RELEASE rsp (local)   */ [__, __, __, __, __, __, __, Ar4, Ar9, __, __, Ar4, __],
        /* Evt15 A-ABORT rq (local)      */ [__, __, Aa1, Aa2, Aa1, Aa1, Aa1, Aa1, Aa1, Aa1, Aa1, Aa1, __],
        /* Evt16 A-ABORT PDU             */ [__, Aa2, Aa3, __, Aa3, Aa3, Aa3, Aa3, Aa3, Aa3, Aa3, Aa3, Aa2],
        /* Evt17 transport closed        */ [__, Aa5, Aa4, Aa4, Aa4, Aa4, Aa4, Aa4, Aa4, Aa4, Aa4, Aa4, Ar5],
        /* Evt18 ARTIM expired           */ [__, Aa2, __, __, __, __, __, __, __, __, __, __, Aa2],
        /* Evt19 unrecognized/invalid PDU*/ [__, Aa1, Aa8, __, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa8, Aa7],
    ];

    /// <summary>The action for <paramref name="evt"/> in <paramref name="state"/>, or null where PS3.8 leaves the cell blank.</summary>
    public static AssociationAction? Lookup(AssociationState state, AssociationEvent evt) => Rows[(int)evt - 1][(int)state - 1];

    /// <summary>
    /// The state an action leads to (PS3.8 Tables 9-6 to 9-9). AE-6 and AR-8 depend on a condition and are
    /// resolved by the machine; for them this returns the first alternative.
    /// </summary>
    public static AssociationState NextState(AssociationAction action) => action switch
    {
        Ae1 => AssociationState.Sta4,
        Ae2 => AssociationState.Sta5,
        Ae3 or Ae7 or Dt1 or Dt2 => AssociationState.Sta6,
        Ae4 or Ar3 or Ar5 or Aa2 or Aa3 or Aa4 or Aa5 => AssociationState.Sta1,
        Ae5 => AssociationState.Sta2,
        Ae6 => AssociationState.Sta3,
        Ae8 or Ar4 or Aa1 or Aa6 or Aa7 or Aa8 => AssociationState.Sta13,
        Ar1 or Ar6 => AssociationState.Sta7,
        Ar2 or Ar7 => AssociationState.Sta8,
        Ar8 => AssociationState.Sta9,
        Ar9 => AssociationState.Sta11,
        Ar10 => AssociationState.Sta12,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
