package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.counting.SupportSource;
import de.mitzeichnen.counting.Tally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Signing's rule of what a signature adds to the public numbers, handed to counting as plain {@link
 * Tally} values: per signature on each transition, and per place for the recount (the same rule in
 * SQL, read from the signature table that only signing owns).
 */
@Singleton
@Connectable
class SignatureTally implements SupportSource {

    private final JdbcOperations jdbc;
    private final Appeals appeals;

    SignatureTally(JdbcOperations jdbc, Appeals appeals) {
        this.jdbc = jdbc;
        this.appeals = appeals;
    }

    /** What the signature adds ({@link Tally#NONE} for none). */
    static Tally of(@Nullable Signature s, PublicCount mode) {
        return s == null ? Tally.NONE : new Tally(place(s), counted(s, mode), awaiting(s, mode));
    }

    static Tally.@Nullable Place place(Signature s) {
        if (s.municipalityAgs() != null) {
            return new Tally.Place(Tally.Kind.M, s.municipalityAgs());
        }
        if (s.districtAgs() != null) {
            return new Tally.Place(Tally.Kind.K, s.districtAgs());
        }
        return s.foreignMunicipalityId() == null
                ? null
                : new Tally.Place(Tally.Kind.F, String.valueOf(s.foreignMunicipalityId()));
    }

    /** Whether the public count includes the signature. */
    static boolean counted(@Nullable Signature s, PublicCount mode) {
        return s != null
                && s.status() == SignatureStatus.CONFIRMED
                && (mode == PublicCount.ALL_CONFIRMED || s.trust() != Trust.EMAIL_ONLY);
    }

    /**
     * Whether it is confirmed but still waits for the organiser before it counts. A submission held
     * back by a rate limit (suspected, never confirmed) is not shown at all, so that a bot learns
     * nothing from the page.
     */
    static boolean awaiting(@Nullable Signature s, PublicCount mode) {
        return s != null
                && (s.status() == SignatureStatus.SUSPECTED && s.confirmedAt() != null
                        || s.status() == SignatureStatus.CONFIRMED
                                && mode == PublicCount.TRUSTED_ONLY
                                && s.trust() == Trust.EMAIL_ONLY);
    }

    @Override
    public List<Long> countedAppeals() {
        return appeals.pastDraft();
    }

    /** The rule above in SQL, summed per place. */
    @Override
    public List<PlaceCount> places(long appealId) {
        PublicCount mode = appeals.byId(appealId).map(Appeal::publicCount).orElseThrow();
        String all = mode == PublicCount.ALL_CONFIRMED ? "TRUE" : "FALSE";
        return jdbc.prepareStatement(
                """
                SELECT x.kind, x.place_key, SUM(x.c), SUM(x.a) FROM (
                    SELECT CASE WHEN s.municipality_ags IS NOT NULL THEN 'M'
                                WHEN s.district_ags IS NOT NULL THEN 'K' ELSE 'F' END AS kind,
                           COALESCE(s.municipality_ags, s.district_ags, CAST(s.foreign_municipality_id AS CHAR)) AS place_key,
                           CASE WHEN s.status = 'CONFIRMED' AND (%1$s OR s.trust <> 'EMAIL_ONLY') THEN 1 ELSE 0 END AS c,
                           CASE WHEN (s.status = 'SUSPECTED' AND s.confirmed_at IS NOT NULL) OR (s.status = 'CONFIRMED' AND NOT %1$s
                                     AND s.trust = 'EMAIL_ONLY') THEN 1 ELSE 0 END AS a
                      FROM signature s
                     WHERE s.appeal_id = ? AND s.status IN ('CONFIRMED', 'SUSPECTED')
                       AND (s.municipality_ags IS NOT NULL OR s.district_ags IS NOT NULL
                            OR s.foreign_municipality_id IS NOT NULL)
                ) x GROUP BY x.kind, x.place_key"""
                        .formatted(all),
                (PreparedStatement ps) -> {
                    ps.setLong(1, appealId);
                    List<PlaceCount> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new PlaceCount(
                                            new Tally.Place(
                                                    Tally.Kind.valueOf(rs.getString(1)),
                                                    rs.getString(2)),
                                            rs.getLong(3),
                                            rs.getLong(4)));
                        }
                    }
                    return out;
                });
    }
}
