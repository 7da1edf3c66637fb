package de.mitzeichnen.alliance;

/**
 * Where a declaration of joining stands. Nothing happens until the declarant confirms by the mailed
 * link; then it waits for the alliance's organiser, who accepts it (the membership is stored) or
 * declines it. Which state may follow which is {@link JoinTransition}'s table.
 */
public enum JoinState {
    /** Sent through the form; the link is in the mail, nothing else has happened. */
    PENDING_CONFIRMATION,
    /** Confirmed from an address on the place's official mail domain: the organiser decides. */
    CONFIRMED,
    /**
     * Confirmed from any other address (free mail, an unknown or another place's domain, a place
     * abroad): the organiser checks first that the declarant speaks for the place, then decides.
     */
    AWAITING_CHECK,
    /** The organiser accepted: the membership is stored and public. */
    ACCEPTED,
    /** The organiser declined, with a reason the declarant was told. */
    DECLINED;

    /** Confirmed and waiting for the organiser's decision. */
    public boolean open() {
        return this == CONFIRMED || this == AWAITING_CHECK;
    }

    /** Decided by the organiser. */
    public boolean decided() {
        return this == ACCEPTED || this == DECLINED;
    }
}
