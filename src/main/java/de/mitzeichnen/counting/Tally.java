package de.mitzeichnen.counting;

import io.micronaut.core.annotation.Nullable;

/**
 * What one signature adds to its appeal's public numbers: its place, and whether it is counted or
 * confirmed but still awaiting the organiser. Signing decides both (it knows statuses and trust);
 * counting only adds them up, so that it needs nothing of signing.
 */
public record Tally(@Nullable Place place, boolean counted, boolean awaiting) {

    /** Nothing: no signature yet, or one that adds nothing. */
    public static final Tally NONE = new Tally(null, false, false);

    /** Whether it adds anything: a place, counted or awaiting there. */
    public boolean adds() {
        return place != null && (counted || awaiting);
    }

    /** What a place is: a German municipality, a Landkreis, or a municipality abroad. */
    public enum Kind {
        /** Key: the municipality's AGS. */
        M,
        /** Key: the Landkreis' AGS. */
        K,
        /** Key: the foreign municipality's id. */
        F
    }

    /** A place a signature is for. */
    public record Place(Kind kind, String key) {}
}
