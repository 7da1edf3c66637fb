package de.mitzeichnen.moderation;

/** What an organiser can do to signatures; each needs a reason and is recorded. */
public enum ModerationAction {
    /** Checked by other means (e.g. a phone call): counts, with trust VERIFIED_BY_ORGANISER. */
    VERIFY("'PENDING', 'CONFIRMED'",
            "s.status = 'CONFIRMED', s.trust = 'VERIFIED_BY_ORGANISER', s.confirmed_at = COALESCE(s.confirmed_at, ?)"),
    /** No longer counted. */
    REJECT("'PENDING', 'CONFIRMED'", "s.status = 'REJECTED'"),
    /** Undo a rejection: back to confirmed (or pending, if it never was confirmed). */
    RESTORE("'REJECTED'", "s.status = CASE WHEN s.confirmed_at IS NULL THEN 'PENDING' ELSE 'CONFIRMED' END");

    final String fromStates;
    /** The SET clause on signature {@code s}. */
    final String set;

    ModerationAction(String fromStates, String set) {
        this.fromStates = fromStates;
        this.set = set;
    }

    boolean setTakesNow() {
        return this == VERIFY;
    }
}
