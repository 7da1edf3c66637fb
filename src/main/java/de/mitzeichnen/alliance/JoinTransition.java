package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.JoinState.ACCEPTED;
import static de.mitzeichnen.alliance.JoinState.AWAITING_CHECK;
import static de.mitzeichnen.alliance.JoinState.CONFIRMED;
import static de.mitzeichnen.alliance.JoinState.DECLINED;
import static de.mitzeichnen.alliance.JoinState.PENDING_CONFIRMATION;

import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of allowed changes of a join declaration: from which states each transition may
 * start and where it may lead. SUBMIT starts from no declaration ({@code null}); EXPIRE ends in
 * none (the row is deleted). Every change asks this table first; a change it refuses stores
 * nothing.
 */
public enum JoinTransition {
    /** A new declaration through the form. */
    SUBMIT(EnumSet.noneOf(JoinState.class), EnumSet.of(PENDING_CONFIRMATION)),
    /** The same address declares again for the alliance before confirming: fresh data and link. */
    RESUBMIT(EnumSet.of(PENDING_CONFIRMATION), EnumSet.of(PENDING_CONFIRMATION)),
    /**
     * The declarant pressed the button behind the link: CONFIRMED from the place's official mail
     * domain, else AWAITING_CHECK.
     */
    CONFIRM(EnumSet.of(PENDING_CONFIRMATION), EnumSet.of(CONFIRMED, AWAITING_CHECK)),
    /** The organiser accepts: the membership is stored through {@link Memberships#add}. */
    ACCEPT(EnumSet.of(CONFIRMED, AWAITING_CHECK), EnumSet.of(ACCEPTED)),
    /** The organiser declines, with a reason. */
    DECLINE(EnumSet.of(CONFIRMED, AWAITING_CHECK), EnumSet.of(DECLINED)),
    /** Never confirmed: deleted a grace period after its link expired. */
    EXPIRE(EnumSet.of(PENDING_CONFIRMATION), EnumSet.noneOf(JoinState.class)),
    /** Decided long enough ago: personal data erased, the state stays. */
    ERASE(EnumSet.of(ACCEPTED, DECLINED), EnumSet.of(ACCEPTED, DECLINED));

    private final EnumSet<JoinState> from;
    private final EnumSet<JoinState> to;

    JoinTransition(EnumSet<JoinState> from, EnumSet<JoinState> to) {
        this.from = from;
        this.to = to;
    }

    public Set<JoinState> from() {
        return from.clone();
    }

    public Set<JoinState> to() {
        return to.clone();
    }

    /** Whether the transition may start from {@code state} (null: there is no declaration yet). */
    public boolean allowedFrom(@Nullable JoinState state) {
        return state == null ? from.isEmpty() : from.contains(state);
    }

    /**
     * The state the transition leads {@code from} to, {@code target} being the one the caller chose
     * among the allowed ones (ERASE keeps the state).
     *
     * @throws IllegalStateException when the table does not allow it: a caller's bug, never input
     */
    JoinState apply(@Nullable JoinState from, JoinState target) {
        if (!allowedFrom(from) || !to.contains(target) || (this == ERASE && target != from)) {
            throw new IllegalStateException(
                    this + " is not allowed from " + from + " to " + target);
        }
        return target;
    }
}
