package de.mitzeichnen.signing;

import de.mitzeichnen.db.Sql;
import de.mitzeichnen.ratelimit.Limit;
import de.mitzeichnen.ratelimit.LimitsConfig;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table {@code held_address}: how many held submissions of one client address an appeal has
 * stored in the current window, and how many more were only counted. A flood from one address thus
 * stores at most {@code mitzeichnen.limits.held} signatures per window, whatever its rate. The one
 * place with SQL on that table; every method runs in the caller's transaction.
 */
@Singleton
class HeldAddresses {

    /** What was only counted of one address since the organiser last decided on it. */
    record Counted(long dropped, Instant lastAt) {}

    private final JdbcOperations jdbc;
    private final LimitsConfig limits;

    HeldAddresses(JdbcOperations jdbc, LimitsConfig limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * True when this held submission may be stored, false when the address used up its window (the
     * submission is counted then). The row stays locked until the caller commits, so concurrent
     * submissions of one address take their places one by one.
     */
    boolean admit(long appealId, String ipHash, Instant now) {
        Optional<Limit> bound = limits.heldLimit();
        Connection c = jdbc.getConnection();
        Sql.update(
                c,
                "INSERT INTO held_address (appeal_id, ip_hash, window_start, stored, dropped,"
                        + " last_at) VALUES (?, ?, ?, 0, 0, ?)"
                        + " ON DUPLICATE KEY UPDATE last_at = VALUES(last_at)",
                appealId,
                ipHash,
                now,
                now);
        record Window(Instant start, int stored) {}
        Window w =
                Sql.first(
                                c,
                                "SELECT window_start, stored FROM held_address"
                                        + " WHERE appeal_id = ? AND ip_hash = ? FOR UPDATE",
                                rs -> new Window(Sql.instant(rs, 1), rs.getInt(2)),
                                appealId,
                                ipHash)
                        .orElseThrow();
        boolean fresh = bound.isEmpty() || !w.start().plus(bound.get().period()).isAfter(now);
        if (fresh || w.stored() < bound.get().count()) {
            Sql.update(
                    c,
                    (fresh
                                    ? "UPDATE held_address SET window_start = ?, stored = 1"
                                    : "UPDATE held_address SET stored = stored + 1, window_start = ?")
                            + " WHERE appeal_id = ? AND ip_hash = ?",
                    fresh ? now : w.start(),
                    appealId,
                    ipHash);
            return true;
        }
        Sql.update(
                c,
                "UPDATE held_address SET dropped = dropped + 1, last_at = ?"
                        + " WHERE appeal_id = ? AND ip_hash = ?",
                now,
                appealId,
                ipHash);
        return false;
    }

    /** The addresses of the appeal with submissions only counted, by address hash. */
    Map<String, Counted> counted(long appealId) {
        Map<String, Counted> out = new LinkedHashMap<>();
        for (var e :
                Sql.list(
                        jdbc.getConnection(),
                        "SELECT ip_hash, dropped, last_at FROM held_address"
                                + " WHERE appeal_id = ? AND dropped > 0",
                        rs ->
                                Map.entry(
                                        rs.getString(1),
                                        new Counted(rs.getLong(2), Sql.instant(rs, 3))),
                        appealId)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** How many submissions of the appeal were only counted, all addresses together. */
    long countedTotal(long appealId) {
        return Sql.first(
                        jdbc.getConnection(),
                        "SELECT COALESCE(SUM(dropped), 0) FROM held_address WHERE appeal_id = ?",
                        rs -> rs.getLong(1),
                        appealId)
                .orElse(0L);
    }

    /**
     * The organiser decided on the address: what was only counted is done with. Returns how many
     * that were. Called after the address's signatures changed, as a submission locks the row last.
     */
    long decided(long appealId, String ipHash) {
        Connection c = jdbc.getConnection();
        long counted =
                Sql.first(
                                c,
                                "SELECT dropped FROM held_address WHERE appeal_id = ? AND ip_hash = ?"
                                        + " FOR UPDATE",
                                rs -> rs.getLong(1),
                                appealId,
                                ipHash)
                        .orElse(0L);
        Sql.update(
                c,
                "UPDATE held_address SET dropped = 0 WHERE appeal_id = ? AND ip_hash = ?",
                appealId,
                ipHash);
        return counted;
    }

    /** Retention: the appeal's address hashes go. */
    void erase(long appealId) {
        Sql.update(jdbc.getConnection(), "DELETE FROM held_address WHERE appeal_id = ?", appealId);
    }
}
