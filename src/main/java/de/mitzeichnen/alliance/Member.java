package de.mitzeichnen.alliance;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * One membership of a place in an alliance: in force on the days {@code joinedOn <= d < leftOn}
 * ({@code leftOn} null: not ended). Leaving ends the row; joining again later is a new row.
 */
public record Member(
        long id,
        long allianceId,
        MemberPlace place,
        @Nullable LocalDate gebietsstand,
        LocalDate joinedOn,
        @Nullable LocalDate leftOn,
        @Nullable String basis,
        boolean hasEvidence) {

    /** Whether the membership is in force on {@code day}. */
    public boolean inForceOn(LocalDate day) {
        return !joinedOn.isAfter(day) && (leftOn == null || leftOn.isAfter(day));
    }

    /** Whether the membership is in force on at least one day of {@code [from, until]}. */
    public boolean inForceBetween(LocalDate from, LocalDate until) {
        return !joinedOn.isAfter(until) && (leftOn == null || leftOn.isAfter(from));
    }

    /**
     * Whether it shares a day with a membership from {@code joined} to {@code left} (null: open).
     */
    public boolean overlaps(LocalDate joined, @Nullable LocalDate left) {
        return (left == null || joinedOn.isBefore(left))
                && (leftOn == null || joined.isBefore(leftOn));
    }

    /** Whether it has ended (by {@code day}). */
    public boolean endedBy(LocalDate day) {
        return leftOn != null && !leftOn.isAfter(day);
    }
}
