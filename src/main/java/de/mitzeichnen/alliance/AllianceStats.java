package de.mitzeichnen.alliance;

import de.mitzeichnen.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An alliance's public numbers, kept in tables {@code alliance_stats} and {@code
 * alliance_stats_land}: rolled up in the transaction of every membership change (under the row lock
 * that orders them) and read by the public page, the list and the API — never counted from the
 * members on a request. Inhabitants count once, as in the appeal counts: a member Landkreis covers
 * all its municipalities' people, a member municipality inside it adds none; places abroad count as
 * municipalities without inhabitants. Memberships start and end on dates, so the numbers also carry
 * the next date on which they change; read on or after it, they are rolled up first.
 */
@Singleton
@Connectable
public class AllianceStats {

    /** Current members per kind and the inhabitants they cover. */
    public record Counts(
            long municipalities, long districts, long abroad, long population, LocalDate asOf) {
        /** Municipalities (in Germany or abroad) and Landkreise together. */
        public long members() {
            return municipalities + districts;
        }
    }

    /** Current member municipalities, Landkreise and inhabitants covered in one Land. */
    public record LandCount(
            String code, String name, long municipalities, long districts, long population) {}

    private final JdbcOperations jdbc;
    private final StatsLedger ledger;

    AllianceStats(JdbcOperations jdbc, StatsLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** The alliance's numbers as of today (rolled up first when a membership began or ended). */
    public Counts counts(long allianceId) {
        Optional<Stored> stored = stored(allianceId);
        if (stored.isEmpty() || stale(stored.get())) {
            ledger.refresh(allianceId);
            stored = stored(allianceId);
        }
        return stored.map(Stored::counts).orElse(new Counts(0, 0, 0, 0, ledger.today()));
    }

    /** Current members per Land, most members first (call after {@link #counts}). */
    public List<LandCount> byLand(long allianceId) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT land_code, land_name, municipalities, districts, population"
                        + " FROM alliance_stats_land WHERE alliance_id = ?"
                        + " ORDER BY municipalities + districts DESC, land_name",
                rs ->
                        new LandCount(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5)),
                allianceId);
    }

    private record Stored(Counts counts, @Nullable LocalDate validUntil) {}

    private Optional<Stored> stored(long allianceId) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT municipalities, districts, abroad, population, as_of, valid_until"
                        + " FROM alliance_stats WHERE alliance_id = ?",
                rs ->
                        new Stored(
                                new Counts(
                                        rs.getLong(1),
                                        rs.getLong(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        LocalDate.parse(rs.getString(5))),
                                rs.getString(6) == null ? null : LocalDate.parse(rs.getString(6))),
                allianceId);
    }

    private boolean stale(Stored s) {
        LocalDate today = ledger.today();
        return s.counts().asOf().isAfter(today)
                || (s.validUntil() != null && !today.isBefore(s.validUntil()));
    }
}
