package de.mitzeichnen.moderation;

import de.mitzeichnen.signing.SignatureStatus;
import de.mitzeichnen.signing.Transition;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an organiser can do to signatures from the moderation list; each needs a reason and is
 * recorded.
 */
public enum ModerationAction {
    /**
     * Checked by other means (e.g. a phone call): counts, with trust VERIFIED_BY_ORGANISER; a
     * pending one is confirmed.
     */
    VERIFY(Transition.VERIFY, "verified"),
    /** No longer counted. */
    REJECT(Transition.REJECT, "rejected"),
    /** Undo a rejection: back to confirmed (or pending, if it never was confirmed). */
    RESTORE(Transition.RESTORE, "restored");

    final Transition transition;

    /** How the message after the action names it ({@code ?done=verified&n=3}). */
    final String done;

    ModerationAction(Transition transition, String done) {
        this.transition = transition;
        this.done = done;
    }

    /**
     * The actions that fit a signature in this status: those whose transition may start from it.
     */
    public static List<ModerationAction> fitting(SignatureStatus status) {
        return Arrays.stream(values()).filter(a -> a.transition.allowedFrom(status)).toList();
    }

    static Optional<ModerationAction> byDone(String done) {
        return Arrays.stream(values()).filter(a -> a.done.equals(done)).findFirst();
    }

    public String done() {
        return done;
    }
}
