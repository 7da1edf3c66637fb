package de.mitzeichnen.signing;

import java.util.EnumSet;
import java.util.Set;

import static de.mitzeichnen.signing.SignatureStatus.ANONYMISED;
import static de.mitzeichnen.signing.SignatureStatus.CONFIRMED;
import static de.mitzeichnen.signing.SignatureStatus.PENDING;
import static de.mitzeichnen.signing.SignatureStatus.REJECTED;
import static de.mitzeichnen.signing.SignatureStatus.SUSPECTED;
import static de.mitzeichnen.signing.SignatureStatus.WITHDRAWN;

/**
 * The one table of allowed changes of a signature's status: from which states each transition may start and
 * where it leads. Every change of a signature goes through {@link Signatures}, which checks this table.
 */
public enum Transition {
    /** A new submission (there is no signature before). */
    SUBMIT(EnumSet.noneOf(SignatureStatus.class), PENDING),
    /** The organiser records a reply received elsewhere (e-mail, letter, council resolution, phone): counts at once. */
    RECORD(EnumSet.noneOf(SignatureStatus.class), CONFIRMED),
    /** The same address submits again before confirming: fresh data, fresh link. */
    RESUBMIT(EnumSet.of(PENDING), PENDING),
    /** The signer clicked the button behind the mailed link, or the organiser verified a pending signature. */
    CONFIRM(EnumSet.of(PENDING), CONFIRMED),
    /** The signer takes it back; personal data are erased at once. */
    WITHDRAW(EnumSet.of(CONFIRMED, SUSPECTED), WITHDRAWN),
    /** The organiser checked it by other means; a pending one is confirmed on the way (see {@link Signatures}). */
    VERIFY(EnumSet.of(PENDING, CONFIRMED, SUSPECTED), CONFIRMED),
    /** No longer counted. */
    REJECT(EnumSet.of(PENDING, CONFIRMED, SUSPECTED), REJECTED),
    /** Undo a rejection: back to confirmed, or to pending if it never was confirmed. */
    RESTORE(EnumSet.of(REJECTED), CONFIRMED),
    /** Held back from the count while someone looks at it. */
    SUSPECT(EnumSet.of(CONFIRMED), SUSPECTED),
    /** Nothing wrong after all: counts again. */
    CLEAR(EnumSet.of(SUSPECTED), CONFIRMED),
    /** Personal data erased for good (e.g. unconfirmed long ago, or rejected); counts stay as they were. */
    ANONYMISE(EnumSet.of(PENDING, WITHDRAWN, REJECTED), ANONYMISED);

    private final Set<SignatureStatus> from;
    private final SignatureStatus to;

    Transition(Set<SignatureStatus> from, SignatureStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<SignatureStatus> from() {
        return from;
    }

    public boolean allowedFrom(SignatureStatus status) {
        return from.contains(status);
    }

    /** Where the transition leads from {@code status}; RESTORE depends on whether it was ever confirmed. */
    public SignatureStatus target(SignatureStatus status, boolean everConfirmed) {
        if (!allowedFrom(status)) {
            throw new IllegalStateException(name() + " is not allowed from " + status);
        }
        return this == RESTORE && !everConfirmed ? PENDING : to;
    }
}
