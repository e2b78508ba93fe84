using Tessera.Dimse.Association;

namespace Tessera.Dimse.Tests.Association;

/// <summary>
/// <see cref="StateTransitionTable"/> against PS3.8 section 9.2.3, Table 9-10 ("DICOM Upper Layer Protocol State Transition
/// Table"), cell by cell: the action and the next state printed in each of the 19 × 13 cells, with the next states of the
/// actions as Tables 9-6 to 9-9 (section 9.2.2) define them. The expected cells below were typed from the standard's own
/// table (the DocBook text of PS3.8, not a third-party transcription), independently of the production table; a blank
/// cell is "-". Where the standard prints two next states (AE-6: Sta3 or 13; AR-8: Sta9 or 10), the first is the
/// table's, the second is the machine's choice (Sta2Tests, Sta7Tests).
/// </summary>
public sealed class StateTransitionTableStandardTests
{
    // Columns: Sta1 .. Sta13. Each cell "ACTION/next state".
    private static readonly string[] Table910 =
    [
        /* Evt1  */ "AE-1/4 - - - - - - - - - - - -",
        /* Evt2  */ "- - - AE-2/5 - - - - - - - - -",
        /* Evt3  */ "- AA-1/13 AA-8/13 - AE-3/6 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-6/13",
        /* Evt4  */ "- AA-1/13 AA-8/13 - AE-4/1 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-6/13",
        /* Evt5  */ "AE-5/2 - - - - - - - - - - - -",
        /* Evt6  */ "- AE-6/3 AA-8/13 - AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-7/13",
        /* Evt7  */ "- - AE-7/6 - - - - - - - - - -",
        /* Evt8  */ "- - AE-8/13 - - - - - - - - - -",
        /* Evt9  */ "- - - - - DT-1/6 - AR-7/8 - - - - -",
        /* Evt10 */ "- AA-1/13 AA-8/13 - AA-8/13 DT-2/6 AR-6/7 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-6/13",
        /* Evt11 */ "- - - - - AR-1/7 - - - - - - -",
        /* Evt12 */ "- AA-1/13 AA-8/13 - AA-8/13 AR-2/8 AR-8/9 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-6/13",
        /* Evt13 */ "- AA-1/13 AA-8/13 - AA-8/13 AA-8/13 AR-3/1 AA-8/13 AA-8/13 AR-10/12 AR-3/1 AA-8/13 AA-6/13",
        /* Evt14 */ "- - - - - - - AR-4/13 AR-9/11 - - AR-4/13 -",
        /* Evt15 */ "- - AA-1/13 AA-2/1 AA-1/13 AA-1/13 AA-1/13 AA-1/13 AA-1/13 AA-1/13 AA-1/13 AA-1/13 -",
        /* Evt16 */ "- AA-2/1 AA-3/1 - AA-3/1 AA-3/1 AA-3/1 AA-3/1 AA-3/1 AA-3/1 AA-3/1 AA-3/1 AA-2/1",
        /* Evt17 */ "- AA-5/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AA-4/1 AR-5/1",
        /* Evt18 */ "- AA-2/1 - - - - - - - - - - AA-2/1",
        /* Evt19 */ "- AA-1/13 AA-8/13 - AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-8/13 AA-7/13",
    ];

    public static TheoryData<AssociationEvent> Events() => [.. Enum.GetValues<AssociationEvent>()];

    [Fact]
    public void TheStandardsTableHasNineteenRowsOfThirteenCells()
    {
        Assert.Equal(Enum.GetValues<AssociationEvent>().Length, Table910.Length);
        Assert.All(Table910, row => Assert.Equal(Enum.GetValues<AssociationState>().Length, row.Split(' ').Length));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryCellOfTheRowIsThePs38Table910Cell(AssociationEvent evt)
    {
        var cells = Table910[(int)evt - 1].Split(' ');
        foreach (var state in Enum.GetValues<AssociationState>())
        {
            var cell = cells[(int)state - 1];
            var action = StateTransitionTable.Lookup(state, evt);
            if (cell == "-")
            {
                Assert.True(action is null, $"{evt} in {state}: PS3.8 Table 9-10 leaves the cell blank, the table has {action}");
                continue;
            }

            var (expectedAction, expectedNext) = (cell[..cell.IndexOf('/', StringComparison.Ordinal)], cell[(cell.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            Assert.True(action is not null, $"{evt} in {state}: PS3.8 Table 9-10 says {cell}, the table has a blank");
            Assert.Equal(expectedAction, Name(action.Value));
            Assert.Equal("Sta" + expectedNext, StateTransitionTable.NextState(action.Value).ToString());
        }
    }

    /// <summary>"Ae6" → "AE-6", as PS3.8 prints it.</summary>
    private static string Name(AssociationAction action)
    {
        var text = action.ToString();
        return string.Concat(text[..2].ToUpperInvariant(), "-", text[2..]);
    }
}
