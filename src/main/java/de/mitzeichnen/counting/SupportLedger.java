package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps an appeal's public numbers (tables support_unit, appeal_support, appeal_support_land) in
 * step with its signatures, inside the transaction of each transition: the changed signature moves
 * its place's counters by ±1, then the appeal's totals are rolled up from its supporting places (at
 * most some 11,000 rows, never the signatures). The appeal_support row is locked first, so that an
 * appeal's transitions queue up in one order.
 */
@Singleton
class SupportLedger {

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    SupportLedger(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A place a signature is for: 'M' municipality, 'K' Landkreis, 'F' foreign municipality. */
    record Place(String kind, String key) {}

    static @Nullable Place place(Signature s) {
        if (s.municipalityAgs() != null) {
            return new Place("M", s.municipalityAgs());
        }
        if (s.districtAgs() != null) {
            return new Place("K", s.districtAgs());
        }
        return s.foreignMunicipalityId() == null
                ? null
                : new Place("F", String.valueOf(s.foreignMunicipalityId()));
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

    /**
     * Records that {@code before} (null for a new one) became {@code after}, and rolls the totals
     * up.
     */
    void changed(Appeal appeal, @Nullable Signature before, Signature after) {
        if (moved(appeal, before, after)) {
            rollUp(appeal.id());
        }
    }

    /**
     * Moves the places' counters only (for a batch that rolls up once at the end); returns whether
     * any moved.
     */
    boolean moved(Appeal appeal, @Nullable Signature before, Signature after) {
        PublicCount mode = appeal.publicCount();
        Place was = before == null ? null : place(before);
        Place is = place(after);
        int wasCounted = counted(before, mode) ? 1 : 0;
        int wasAwaiting = awaiting(before, mode) ? 1 : 0;
        int isCounted = counted(after, mode) ? 1 : 0;
        int isAwaiting = awaiting(after, mode) ? 1 : 0;
        if (Objects.equals(was, is) && wasCounted == isCounted && wasAwaiting == isAwaiting) {
            return false;
        }
        lock(appeal.id());
        if (was != null && (wasCounted != 0 || wasAwaiting != 0)) {
            move(appeal.id(), was, -wasCounted, -wasAwaiting);
        }
        if (is != null && (isCounted != 0 || isAwaiting != 0)) {
            move(appeal.id(), is, isCounted, isAwaiting);
        }
        return true;
    }

    /**
     * Takes the appeal's aggregate row (creating it on first use) for the rest of the transaction.
     */
    void lock(long appealId) {
        // The exclusive lock first: INSERT IGNORE on the existing row takes a shared lock, and two
        // confirmations holding it both waited for the exclusive one (a deadlock, a 500 page).
        if (lockExisting(appealId)) {
            return;
        }
        jdbc.prepareStatement(
                "INSERT IGNORE INTO appeal_support (appeal_id, updated_at) VALUES (?, ?)",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, now());
                    return ps.executeUpdate();
                });
        lockExisting(appealId);
    }

    private boolean lockExisting(long appealId) {
        return jdbc.prepareStatement(
                "SELECT appeal_id FROM appeal_support WHERE appeal_id = ? FOR UPDATE",
                ps -> {
                    ps.setLong(1, appealId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                });
    }

    private void move(long appealId, Place place, int counted, int awaiting) {
        jdbc.prepareStatement(
                """
                INSERT INTO support_unit (appeal_id, kind, place_key, counted, awaiting, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE counted = counted + VALUES(counted), awaiting = awaiting + VALUES(awaiting),
                                        updated_at = VALUES(updated_at)""",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, place.kind());
                    ps.setString(3, place.key());
                    ps.setInt(4, counted);
                    ps.setInt(5, awaiting);
                    ps.setString(6, now());
                    return ps.executeUpdate();
                });
    }

    /**
     * Recomputes the appeal's totals and per-Land rows from its places. Inhabitants count once: a
     * supporting Kreis covers all its municipalities' people (kreis.population), a municipality
     * inside it adds nothing; foreign municipalities count as municipalities without inhabitants.
     */
    void rollUp(long appealId) {
        update("DELETE FROM appeal_support_land WHERE appeal_id = ?", appealId);
        update(
                """
                INSERT INTO appeal_support_land (appeal_id, land_code, municipalities, districts, signatures, population)
                SELECT ?, x.land, SUM(x.mun), SUM(x.dis), SUM(x.sig), SUM(x.pop) FROM (
                    SELECT m.land_code AS land, 1 AS mun, 0 AS dis, u.counted AS sig,
                           CASE WHEN EXISTS (SELECT 1 FROM support_unit d WHERE d.appeal_id = u.appeal_id
                                              AND d.kind = 'K' AND d.place_key = m.kreis_ags AND d.counted > 0)
                                THEN 0 ELSE m.population END AS pop
                      FROM support_unit u JOIN municipality m ON m.ags = u.place_key
                     WHERE u.appeal_id = ? AND u.kind = 'M' AND u.counted > 0
                    UNION ALL
                    SELECT k.land_code, 0, 1, u.counted, k.population
                      FROM support_unit u JOIN kreis k ON k.ags = u.place_key
                     WHERE u.appeal_id = ? AND u.kind = 'K' AND u.counted > 0
                ) x GROUP BY x.land""",
                appealId,
                appealId,
                appealId);
        update(
                """
                UPDATE appeal_support SET
                    municipalities = (SELECT COUNT(*) FROM support_unit
                                       WHERE appeal_id = ? AND kind IN ('M', 'F') AND counted > 0),
                    districts = (SELECT COUNT(*) FROM support_unit WHERE appeal_id = ? AND kind = 'K' AND counted > 0),
                    signatures = (SELECT COALESCE(SUM(counted), 0) FROM support_unit WHERE appeal_id = ?),
                    awaiting = (SELECT COALESCE(SUM(awaiting), 0) FROM support_unit WHERE appeal_id = ?),
                    population = (SELECT COALESCE(SUM(population), 0) FROM appeal_support_land WHERE appeal_id = ?),
                    updated_at = ?
                 WHERE appeal_id = ?""",
                appealId,
                appealId,
                appealId,
                appealId,
                appealId,
                now(),
                appealId);
    }

    /**
     * Rebuilds the appeal's places from its signatures (the recount; see {@link SupportRecount}).
     * The caller holds the aggregate lock and reads the signatures without locking them: every
     * transition takes that lock before it touches the places, so the snapshot and the places
     * agree, and a confirmation in flight is never blocked by (or deadlocked with) a recount.
     */
    void rebuildPlaces(long appealId, PublicCount mode) {
        String all = mode == PublicCount.ALL_CONFIRMED ? "TRUE" : "FALSE";
        record Row(String kind, String key, long counted, long awaiting) {}
        List<Row> rows =
                jdbc.prepareStatement(
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
                            List<Row> out = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(
                                            new Row(
                                                    rs.getString(1),
                                                    rs.getString(2),
                                                    rs.getLong(3),
                                                    rs.getLong(4)));
                                }
                            }
                            return out;
                        });
        update("DELETE FROM support_unit WHERE appeal_id = ?", appealId);
        String at = now();
        jdbc.prepareStatement(
                "INSERT INTO support_unit (appeal_id, kind, place_key, counted, awaiting, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                (PreparedStatement ps) -> {
                    for (Row r : rows) {
                        ps.setLong(1, appealId);
                        ps.setString(2, r.kind());
                        ps.setString(3, r.key());
                        ps.setLong(4, r.counted());
                        ps.setLong(5, r.awaiting());
                        ps.setString(6, at);
                        ps.addBatch();
                    }
                    return rows.isEmpty() ? new int[0] : ps.executeBatch();
                });
    }

    private String now() {
        return instants.convertToPersistedValue(clock.instant(), null);
    }

    private int update(String sql, Object... params) {
        return jdbc.prepareStatement(
                sql,
                (PreparedStatement ps) -> {
                    bind(ps, params);
                    return ps.executeUpdate();
                });
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
