package de.mitzeichnen.counting;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much support an appeal has, as the public sees it: read from the aggregate that {@link
 * SupportLedger} maintains with every transition, never counted from the signatures on a request.
 * Lists are capped.
 */
@Singleton
@Connectable
public class SupportCounts {

    /** At most this many supporting places in the list on the appeal page (largest first). */
    public static final int LIST_LIMIT = 50;

    /** At most this many dots on the map (largest first). */
    public static final int MAP_LIMIT = 2000;

    private final JdbcOperations jdbc;

    SupportCounts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Publicly counted support: municipalities (German and foreign), Landkreise, signatures,
     * inhabitants covered (each person once), and confirmed signatures that still await the
     * organiser's verification.
     */
    public record Counts(
            long municipalities, long districts, long signatures, long population, long awaiting) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);
    }

    /**
     * Per Land: supporting municipalities, Landkreise, publicly counted signatures and inhabitants
     * covered.
     */
    public record LandCount(
            String code,
            String land,
            long municipalities,
            long districts,
            long signatures,
            long population) {}

    public Counts of(long appealId) {
        return jdbc.prepareStatement(
                "SELECT municipalities, districts, signatures, population, awaiting"
                        + " FROM appeal_support WHERE appeal_id = ?",
                ps -> {
                    ps.setLong(1, appealId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? new Counts(
                                        rs.getLong(1),
                                        rs.getLong(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        rs.getLong(5))
                                : Counts.NONE;
                    }
                });
    }

    /**
     * The numbers of several appeals in one query (a page listing an alliance's appeals); appeals
     * without support yet are missing from the map.
     */
    public Map<Long, Counts> of(Collection<Long> appealIds) {
        Map<Long, Counts> out = new HashMap<>();
        if (appealIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", Collections.nCopies(appealIds.size(), "?"));
        return jdbc.prepareStatement(
                "SELECT appeal_id, municipalities, districts, signatures, population, awaiting"
                        + " FROM appeal_support WHERE appeal_id IN ("
                        + marks
                        + ")",
                (PreparedStatement ps) -> {
                    int i = 1;
                    for (Long id : appealIds) {
                        ps.setLong(i++, id);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(
                                    rs.getLong(1),
                                    new Counts(
                                            rs.getLong(2),
                                            rs.getLong(3),
                                            rs.getLong(4),
                                            rs.getLong(5),
                                            rs.getLong(6)));
                        }
                    }
                    return out;
                });
    }

    /** What the aggregate holds for one place of an appeal: counted and awaiting signatures. */
    public record PlaceSupport(Tally.Place place, long counted, long awaiting) {}

    /**
     * The aggregate's rows for these places of the appeal (a place without any support is missing):
     * for a page that asks about a known set of places, an alliance's members. Reads {@code
     * support_unit} by its primary key, never the signatures.
     */
    public List<PlaceSupport> ofPlaces(long appealId, Collection<Tally.Place> places) {
        List<PlaceSupport> out = new ArrayList<>();
        // one IN list per kind: 1,000 (kind, key) pairs OR-ed took the optimizer 30 times longer
        Map<Tally.Kind, List<String>> byKind = new java.util.EnumMap<>(Tally.Kind.class);
        places.forEach(p -> byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p.key()));
        byKind.forEach(
                (kind, keys) -> {
                    for (int from = 0; from < keys.size(); from += 1000) {
                        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
                        jdbc.prepareStatement(
                                "SELECT place_key, counted, awaiting FROM support_unit"
                                        + " WHERE appeal_id = ? AND kind = ? AND place_key IN ("
                                        + String.join(",", Collections.nCopies(chunk.size(), "?"))
                                        + ")",
                                (PreparedStatement ps) -> {
                                    int i = 1;
                                    ps.setLong(i++, appealId);
                                    ps.setString(i++, kind.name());
                                    for (String key : chunk) {
                                        ps.setString(i++, key);
                                    }
                                    try (ResultSet rs = ps.executeQuery()) {
                                        while (rs.next()) {
                                            out.add(
                                                    new PlaceSupport(
                                                            new Tally.Place(kind, rs.getString(1)),
                                                            rs.getLong(2),
                                                            rs.getLong(3)));
                                        }
                                    }
                                    return out;
                                });
                    }
                });
        return out;
    }

    /** Supporting places per Land, most municipalities first. */
    public List<LandCount> byLand(long appealId) {
        return jdbc.prepareStatement(
                """
                SELECT l.code, l.name, s.municipalities, s.districts, s.signatures, s.population
                  FROM appeal_support_land s JOIN land l ON l.code = s.land_code
                 WHERE s.appeal_id = ?
                 ORDER BY s.municipalities + s.districts DESC, l.name""",
                (PreparedStatement ps) -> {
                    ps.setLong(1, appealId);
                    List<LandCount> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new LandCount(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getLong(3),
                                            rs.getLong(4),
                                            rs.getLong(5),
                                            rs.getLong(6)));
                        }
                    }
                    return out;
                });
    }

    /**
     * A supporting German municipality or Landkreis, with its map point where the register has one.
     */
    public record Supporter(
            String ags,
            String name,
            String land,
            long population,
            Double lat,
            Double lon,
            boolean district) {}

    /** The largest supporting municipalities and Landkreise, at most {@code limit}. */
    public List<Supporter> supporters(long appealId, int limit) {
        return jdbc.prepareStatement(
                """
                SELECT * FROM (
                    SELECT m.ags, m.display_name, l.name AS land, m.population, m.lat, m.lon, FALSE AS district
                      FROM support_unit u JOIN municipality m ON m.ags = u.place_key JOIN land l ON l.code = m.land_code
                     WHERE u.appeal_id = ? AND u.kind = 'M' AND u.counted > 0
                    UNION ALL
                    SELECT k.ags, k.display_name, l.name, k.population, NULL, NULL, TRUE
                      FROM support_unit u JOIN kreis k ON k.ags = u.place_key JOIN land l ON l.code = k.land_code
                     WHERE u.appeal_id = ? AND u.kind = 'K' AND u.counted > 0
                ) x ORDER BY x.population DESC, x.display_name LIMIT ?""",
                (PreparedStatement ps) -> {
                    ps.setLong(1, appealId);
                    ps.setLong(2, appealId);
                    ps.setInt(3, limit);
                    List<Supporter> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Supporter(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getLong(4),
                                            rs.getObject(5, Double.class),
                                            rs.getObject(6, Double.class),
                                            rs.getBoolean(7)));
                        }
                    }
                    return out;
                });
    }

    /** A supporting place abroad: its name and ISO country code. */
    public record Abroad(String name, String country) {}

    /** Supporting places abroad, by country and name, at most {@code limit}. */
    public List<Abroad> abroad(long appealId, int limit) {
        return jdbc.prepareStatement(
                """
                SELECT f.name, f.country
                  FROM support_unit u JOIN foreign_municipality f ON f.id = CAST(u.place_key AS UNSIGNED)
                 WHERE u.appeal_id = ? AND u.kind = 'F' AND u.counted > 0
                 ORDER BY f.country, f.name LIMIT ?""",
                (PreparedStatement ps) -> {
                    ps.setLong(1, appealId);
                    ps.setInt(2, limit);
                    List<Abroad> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Abroad(rs.getString(1), rs.getString(2)));
                        }
                    }
                    return out;
                });
    }
}
