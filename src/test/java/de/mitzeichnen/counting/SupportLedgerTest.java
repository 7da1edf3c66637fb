package de.mitzeichnen.counting;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A signature that adds nothing to the public numbers (pending, held, rejected) leaves the
 * aggregate alone: no lock on the appeal's row, no roll-up. Submissions go through the ledger too
 * (every transition does), and must not queue up behind the appeal's confirmations for nothing. The
 * ledger has no database here: touching it would fail the test.
 */
class SupportLedgerTest {

    final SupportLedger ledger = new SupportLedger(null, Clock.systemUTC());
    final Tally.Place frankfurt = new Tally.Place(Tally.Kind.M, "06412000");
    final Tally.Place fulda = new Tally.Place(Tally.Kind.K, "06631");

    @Test
    void aSignatureThatAddsNothingTakesNoLockAndRollsNothingUp() {
        // SUBMIT and HOLD: a new pending or held signature
        assertFalse(ledger.moved(1, Tally.NONE, new Tally(frankfurt, false, false)));
        // RESUBMIT for another place, REJECT of a pending one
        assertFalse(
                ledger.moved(
                        1, new Tally(frankfurt, false, false), new Tally(fulda, false, false)));
        // ANONYMISE of a counted one: it keeps counting where it did
        assertFalse(
                ledger.moved(
                        1, new Tally(frankfurt, true, false), new Tally(frankfurt, true, false)));
        assertFalse(ledger.moved(1, new Tally(null, true, false), Tally.NONE));
    }
}
