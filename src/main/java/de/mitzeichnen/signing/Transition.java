package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SignatureStatus.ANONYMISED;
import static de.mitzeichnen.signing.SignatureStatus.CONFIRMED;
import static de.mitzeichnen.signing.SignatureStatus.PENDING;
import static de.mitzeichnen.signing.SignatureStatus.REJECTED;
import static de.mitzeichnen.signing.SignatureStatus.SUSPECTED;
import static de.mitzeichnen.signing.SignatureStatus.WITHDRAWN;

import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of allowed changes of a signature's status: from which states each transition may
 * start and where it leads. SUBMIT, RECORD and HOLD start from no signature at all (status {@code
 * null} below). Every change of a signature asks this table first: the submissions in {@link
 * SubmitTransaction}, every other change in {@link Signatures}; a change the table refuses stores
 * nothing.
 */
public enum Transition {
    /** A new submission (there is no signature before). */
    SUBMIT(EnumSet.noneOf(SignatureStatus.class), PENDING),
    /**
     * The organiser records a reply received elsewhere (e-mail, letter, council resolution, phone):
     * counts at once.
     */
    RECORD(EnumSet.noneOf(SignatureStatus.class), CONFIRMED),
    /**
     * A new submission beyond a rate limit: stored as suspected, without a mail, never counted,
     * until the organiser clears it (then it is pending and the confirmation mail goes out) or
     * rejects it.
     */
    HOLD(EnumSet.noneOf(SignatureStatus.class), SUSPECTED),
    /** The same address submits again before confirming: fresh data, fresh link. */
    RESUBMIT(EnumSet.of(PENDING), PENDING),
    /**
     * The signer clicked the button behind the mailed link, or the organiser verified a pending
     * signature.
     */
    CONFIRM(EnumSet.of(PENDING), CONFIRMED),
    /** The signer takes it back; personal data are erased at once. */
    WITHDRAW(EnumSet.of(CONFIRMED, SUSPECTED), WITHDRAWN),
    /**
     * The organiser checked it by other means; a pending one is confirmed on the way (see {@link
     * Signatures}).
     */
    VERIFY(EnumSet.of(PENDING, CONFIRMED, SUSPECTED), CONFIRMED),
    /** No longer counted. */
    REJECT(EnumSet.of(PENDING, CONFIRMED, SUSPECTED), REJECTED),
    /** Undo a rejection: back to confirmed, or to pending if it never was confirmed. */
    RESTORE(EnumSet.of(REJECTED), CONFIRMED),
    /** Held back from the count while someone looks at it. */
    SUSPECT(EnumSet.of(CONFIRMED), SUSPECTED),
    /**
     * Nothing wrong after all: counts again; a held submission that was never confirmed becomes
     * pending and its confirmation mail goes out now (see {@link Signatures#clear}).
     */
    CLEAR(EnumSet.of(SUSPECTED), CONFIRMED),
    /**
     * Personal data erased for good (e.g. unconfirmed long ago, rejected, or the retention time
     * after the deadline has passed). A confirmed signature, or a suspected one that was confirmed,
     * keeps its status, so that the counts stay true; everything else becomes ANONYMISED.
     */
    ANONYMISE(EnumSet.of(PENDING, WITHDRAWN, REJECTED, CONFIRMED, SUSPECTED), ANONYMISED);

    private final Set<SignatureStatus> from;
    private final SignatureStatus to;

    Transition(Set<SignatureStatus> from, SignatureStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<SignatureStatus> from() {
        return from;
    }

    /** Whether the transition may start from {@code status} (null: there is no signature yet). */
    public boolean allowedFrom(@Nullable SignatureStatus status) {
        return status == null ? from.isEmpty() : from.contains(status);
    }

    /**
     * Where the transition leads from {@code status} (null: no signature yet), or an
     * IllegalStateException if the table does not allow it; RESTORE and CLEAR lead to PENDING for a
     * signature that was never confirmed, ANONYMISE keeps a confirmed (counted or suspected) one's
     * status.
     */
    public SignatureStatus target(@Nullable SignatureStatus status, boolean everConfirmed) {
        if (!allowedFrom(status)) {
            throw new IllegalStateException(name() + " is not allowed from " + status);
        }
        if ((this == RESTORE || this == CLEAR) && !everConfirmed) {
            return PENDING;
        }
        if (this == ANONYMISE && (status == CONFIRMED || status == SUSPECTED && everConfirmed)) {
            return status;
        }
        return to;
    }
}
