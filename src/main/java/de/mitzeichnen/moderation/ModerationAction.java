package de.mitzeichnen.moderation;

import de.mitzeichnen.signing.Transition;

/** What an organiser can do to signatures from the moderation list; each needs a reason and is recorded. */
public enum ModerationAction {
    /** Checked by other means (e.g. a phone call): counts, with trust VERIFIED_BY_ORGANISER; a pending one is confirmed. */
    VERIFY(Transition.VERIFY),
    /** No longer counted. */
    REJECT(Transition.REJECT),
    /** Undo a rejection: back to confirmed (or pending, if it never was confirmed). */
    RESTORE(Transition.RESTORE);

    final Transition transition;

    ModerationAction(Transition transition) {
        this.transition = transition;
    }
}
