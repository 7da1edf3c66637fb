package de.mitzeichnen.outcome;

import java.util.Locale;
import java.util.Optional;

/**
 * What happened after the deadline: the appeal was handed over, and later the addressee answered.
 */
public enum OutcomeKind {
    HANDOVER,
    ANSWER;

    /** The word in addresses: {@code uebergabe}, {@code antwort}. */
    public String slug() {
        return this == HANDOVER ? "uebergabe" : "antwort";
    }

    public static Optional<OutcomeKind> bySlug(String slug) {
        for (OutcomeKind k : values()) {
            if (k.slug().equals(slug == null ? "" : slug.toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
