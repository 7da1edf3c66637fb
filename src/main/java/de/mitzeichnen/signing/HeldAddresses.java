package de.mitzeichnen.signing;

import de.mitzeichnen.db.UtcInstantConverter;
import de.mitzeichnen.ratelimit.Limit;
import de.mitzeichnen.ratelimit.LimitsConfig;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The table {@code held_address}: how many held submissions of one client address an appeal has
 * stored in the current window, and how many more were only counted. A flood from one address thus
 * stores at most {@code mitzeichnen.limits.held} signatures per window, whatever its rate.
 */
@Singleton
class HeldAddresses {

    private final JdbcOperations jdbc;
    private final LimitsConfig limits;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    HeldAddresses(JdbcOperations jdbc, LimitsConfig limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * Within the caller's transaction: true when this held submission may be stored, false when the
     * address used up its window (the submission is counted then). The row stays locked until the
     * caller commits, so concurrent submissions of one address take their places one by one.
     */
    boolean admit(long appealId, String ipHash, Instant now) {
        Optional<Limit> bound = limits.heldLimit();
        String at = instants.convertToPersistedValue(now, null);
        jdbc.prepareStatement(
                "INSERT INTO held_address (appeal_id, ip_hash, window_start, stored, dropped,"
                        + " last_at) VALUES (?, ?, ?, 0, 0, ?)"
                        + " ON DUPLICATE KEY UPDATE last_at = VALUES(last_at)",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, ipHash);
                    ps.setString(3, at);
                    ps.setString(4, at);
                    return ps.executeUpdate();
                });
        record Window(Instant start, int stored) {}
        Window w =
                jdbc.prepareStatement(
                        "SELECT window_start, stored FROM held_address"
                                + " WHERE appeal_id = ? AND ip_hash = ? FOR UPDATE",
                        ps -> {
                            ps.setLong(1, appealId);
                            ps.setString(2, ipHash);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                return new Window(
                                        instants.convertToEntityValue(rs.getString(1), null),
                                        rs.getInt(2));
                            }
                        });
        boolean fresh = bound.isEmpty() || !w.start().plus(bound.get().period()).isAfter(now);
        if (fresh || w.stored() < bound.get().count()) {
            update(
                    fresh
                            ? "UPDATE held_address SET window_start = ?, stored = 1"
                            : "UPDATE held_address SET stored = stored + 1, window_start = ?",
                    appealId,
                    ipHash,
                    fresh ? at : instants.convertToPersistedValue(w.start(), null));
            return true;
        }
        update("UPDATE held_address SET dropped = dropped + 1, last_at = ?", appealId, ipHash, at);
        return false;
    }

    /** The organiser decided on the address: what was only counted is done with. */
    void decided(long appealId, String ipHash) {
        jdbc.prepareStatement(
                "UPDATE held_address SET dropped = 0 WHERE appeal_id = ? AND ip_hash = ?",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, ipHash);
                    return ps.executeUpdate();
                });
    }

    private void update(String set, long appealId, String ipHash, String value) {
        jdbc.prepareStatement(
                set + " WHERE appeal_id = ? AND ip_hash = ?",
                ps -> {
                    ps.setString(1, value);
                    ps.setLong(2, appealId);
                    ps.setString(3, ipHash);
                    return ps.executeUpdate();
                });
    }
}
