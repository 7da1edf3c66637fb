package de.mitzeichnen.signing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much support an appeal has. A municipality supports it when it has at least one CONFIRMED signature;
 * withdrawn and rejected ones do not count.
 */
@Singleton
@Connectable
public class SupportCounts {

    private final JdbcOperations jdbc;

    SupportCounts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record Counts(long municipalities, long signatures, long population) {
    }

    public record LandCount(String land, long municipalities, long population) {
    }

    public Counts of(long appealId) {
        return jdbc.prepareStatement("""
                SELECT COUNT(DISTINCT COALESCE(s.municipality_ags, CONCAT('F', s.foreign_municipality_id))),
                       COUNT(*),
                       (SELECT COALESCE(SUM(m.population), 0) FROM municipality m WHERE m.ags IN
                           (SELECT c.municipality_ags FROM signature c
                             WHERE c.appeal_id = ? AND c.status = 'CONFIRMED' AND c.municipality_ags IS NOT NULL))
                  FROM signature s
                 WHERE s.appeal_id = ? AND s.status = 'CONFIRMED'
                """, ps -> {
            ps.setLong(1, appealId);
            ps.setLong(2, appealId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        });
    }

    /** A supporting German municipality with its map point (where the register has one). */
    public record Supporter(String ags, String name, String land, long population, Double lat, Double lon) {
    }

    /** The supporting German municipalities, largest first. */
    public List<Supporter> supporters(long appealId) {
        return jdbc.prepareStatement("""
                SELECT m.ags, m.display_name, l.name, m.population, m.lat, m.lon
                  FROM municipality m JOIN land l ON l.code = m.land_code
                 WHERE m.ags IN (SELECT s.municipality_ags FROM signature s
                                  WHERE s.appeal_id = ? AND s.status = 'CONFIRMED' AND s.municipality_ags IS NOT NULL)
                 ORDER BY m.population DESC, m.display_name
                """, (PreparedStatement ps) -> {
            ps.setLong(1, appealId);
            List<Supporter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Supporter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            (Double) rs.getObject(5, Double.class), (Double) rs.getObject(6, Double.class)));
                }
            }
            return out;
        });
    }

    /** Supporting German municipalities per Land, most first — derived from the supporters, no second query. */
    public static List<LandCount> byLand(List<Supporter> supporters) {
        Map<String, long[]> perLand = new TreeMap<>();
        for (Supporter s : supporters) {
            long[] sums = perLand.computeIfAbsent(s.land(), l -> new long[2]);
            sums[0]++;
            sums[1] += s.population();
        }
        return perLand.entrySet().stream()
                .map(e -> new LandCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(LandCount::municipalities).reversed())
                .toList();
    }
}
