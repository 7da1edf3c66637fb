package de.mitzeichnen.alliance;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.municipality.District;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an alliance's numbers ({@code alliance_stats}, {@code alliance_stats_land}; read through
 * {@link AllianceStats}): every membership change locks the alliance's row first and rolls the
 * numbers up before it commits.
 */
@Singleton
@Connectable
class StatsLedger {

    private final JdbcOperations jdbc;
    private final MemberStore members;
    private final MunicipalityRegister register;
    private final Clock clock;

    StatsLedger(
            JdbcOperations jdbc, MemberStore members, MunicipalityRegister register, Clock clock) {
        this.jdbc = jdbc;
        this.members = members;
        this.register = register;
        this.clock = clock;
    }

    /** Today in Berlin: the day memberships are judged by. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(MitzeichnenConfig.ZONE));
    }

    /**
     * Locks the alliance's row and rolls its numbers up: a reader that found them stale, the
     * periodic recount (inhabitants change with a new register).
     */
    @Transactional
    public void refresh(long allianceId) {
        lock(allianceId);
        rollUp(allianceId);
    }

    /**
     * Takes the alliance's row (creating it on first use) for the rest of the transaction: every
     * membership change of an alliance takes it first, so they run one after the other and the
     * check against overlapping memberships sees every committed one.
     */
    void lock(long allianceId) {
        if (lockExisting(allianceId)) {
            return;
        }
        Sql.update(
                jdbc.getConnection(),
                "INSERT IGNORE INTO alliance_stats (alliance_id, as_of, updated_at) VALUES (?, ?, ?)",
                allianceId,
                today(),
                clock.instant());
        lockExisting(allianceId);
    }

    private boolean lockExisting(long allianceId) {
        return Sql.first(
                        jdbc.getConnection(),
                        "SELECT alliance_id FROM alliance_stats WHERE alliance_id = ? FOR UPDATE",
                        rs -> rs.getLong(1),
                        allianceId)
                .isPresent();
    }

    /**
     * Recomputes the numbers from the alliance's memberships (a few thousand rows at most) with the
     * register in memory. The caller holds the lock.
     */
    void rollUp(long allianceId) {
        LocalDate today = today();
        List<Member> all = members.ofAlliance(allianceId);
        Set<String> districts = new HashSet<>();
        LocalDate next = null;
        for (Member m : all) {
            if (m.inForceOn(today) && m.place().kind() == MemberPlace.Kind.DISTRICT) {
                districts.add(m.place().key());
            }
            for (LocalDate d : new LocalDate[] {m.joinedOn(), m.leftOn()}) {
                if (d != null && d.isAfter(today) && (next == null || d.isBefore(next))) {
                    next = d;
                }
            }
        }
        Map<String, long[]> perLand = new TreeMap<>();
        Map<String, String> landNames = new TreeMap<>();
        long municipalities = 0;
        long abroad = 0;
        Set<String> seen = new HashSet<>();
        for (Member m : all) {
            if (!m.inForceOn(today) || !seen.add(m.place().id())) {
                continue;
            }
            switch (m.place().kind()) {
                case MUNICIPALITY -> {
                    municipalities++;
                    Optional<Municipality> found = register.findByAgs(m.place().key());
                    if (found.isPresent()) {
                        Municipality x = found.get();
                        long[] n = perLand.computeIfAbsent(x.landCode(), k -> new long[3]);
                        n[0]++;
                        n[2] += districts.contains(x.kreisAgs()) ? 0 : x.population();
                        landNames.put(x.landCode(), x.landName());
                    }
                }
                case DISTRICT -> {
                    Optional<District> found = register.district(m.place().key());
                    if (found.isPresent()) {
                        District x = found.get();
                        long[] n = perLand.computeIfAbsent(x.landCode(), k -> new long[3]);
                        n[1]++;
                        n[2] += x.population();
                        landNames.put(x.landCode(), x.landName());
                    }
                }
                case FOREIGN -> {
                    municipalities++;
                    abroad++;
                }
            }
        }
        Sql.update(
                jdbc.getConnection(),
                "DELETE FROM alliance_stats_land WHERE alliance_id = ?",
                allianceId);
        long population = 0;
        for (Map.Entry<String, long[]> e : perLand.entrySet()) {
            long[] n = e.getValue();
            population += n[2];
            Sql.update(
                    jdbc.getConnection(),
                    "INSERT INTO alliance_stats_land (alliance_id, land_code, land_name, municipalities,"
                            + " districts, population) VALUES (?, ?, ?, ?, ?, ?)",
                    allianceId,
                    e.getKey(),
                    landNames.get(e.getKey()),
                    n[0],
                    n[1],
                    n[2]);
        }
        Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_stats SET municipalities = ?, districts = ?, abroad = ?, population = ?,"
                        + " as_of = ?, valid_until = ?, updated_at = ? WHERE alliance_id = ?",
                municipalities,
                districts.size(),
                abroad,
                population,
                today,
                next,
                clock.instant(),
                allianceId);
    }
}
