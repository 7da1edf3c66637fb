package de.mitzeichnen.counting;

import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Keeps an appeal's public numbers (tables support_unit, appeal_support, appeal_support_land, which
 * only counting writes) in step with its signatures: signing calls it inside the transaction of
 * each transition with the signature's {@link Tally} before and after, and the changed signature
 * moves its place's counters by ±1, then the appeal's totals are rolled up from its supporting
 * places (at most some 11,000 rows, never the signatures). The appeal_support row is locked first,
 * so that an appeal's transitions queue up in one order.
 */
@Singleton
public class SupportLedger {

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    SupportLedger(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that a signature's tally went from {@code before} ({@link Tally#NONE} for a new one)
     * to {@code after}, and rolls the totals up.
     */
    public void changed(long appealId, Tally before, Tally after) {
        if (moved(appealId, before, after)) {
            rollUp(appealId);
        }
    }

    /**
     * Moves the places' counters only (for a batch that rolls up once at the end); returns whether
     * any moved.
     */
    public boolean moved(long appealId, Tally before, Tally after) {
        // a signature that adds nothing (a new pending one, say) neither locks nor rolls up
        Tally was = before.adds() ? before : Tally.NONE;
        Tally is = after.adds() ? after : Tally.NONE;
        if (was.equals(is)) {
            return false;
        }
        lock(appealId);
        if (was.adds()) {
            move(appealId, was.place(), was.counted() ? -1 : 0, was.awaiting() ? -1 : 0);
        }
        if (is.adds()) {
            move(appealId, is.place(), is.counted() ? 1 : 0, is.awaiting() ? 1 : 0);
        }
        return true;
    }

    /**
     * Takes the appeal's aggregate row (creating it on first use) for the rest of the transaction.
     */
    public void lock(long appealId) {
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

    private void move(long appealId, Tally.Place place, int counted, int awaiting) {
        jdbc.prepareStatement(
                """
                INSERT INTO support_unit (appeal_id, kind, place_key, counted, awaiting, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE counted = counted + VALUES(counted), awaiting = awaiting + VALUES(awaiting),
                                        updated_at = VALUES(updated_at)""",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, place.kind().name());
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
    public void rollUp(long appealId) {
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
     * The caller holds the aggregate lock; the source reads the signatures without locking them:
     * every transition takes that lock before it touches the places, so the snapshot and the places
     * agree, and a confirmation in flight is never blocked by (or deadlocked with) a recount.
     */
    void rebuildPlaces(long appealId, List<SupportSource.PlaceCount> rows) {
        update("DELETE FROM support_unit WHERE appeal_id = ?", appealId);
        String at = now();
        jdbc.prepareStatement(
                "INSERT INTO support_unit (appeal_id, kind, place_key, counted, awaiting, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                (PreparedStatement ps) -> {
                    for (SupportSource.PlaceCount r : rows) {
                        ps.setLong(1, appealId);
                        ps.setString(2, r.place().kind().name());
                        ps.setString(3, r.place().key());
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
