package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The publicly visible fields of an appeal's publicly counted signatures (CONFIRMED, and trusted
 * unless the appeal counts all confirmed ones), oldest confirmation first. A signer's name leaves
 * this class only when the signer agreed and the appeal publishes names; e-mail, IP hash and tokens
 * never.
 */
@Singleton
@Connectable
public class PublicSignatories {

    private final JdbcOperations jdbc;
    private final UtcInstantConverter instants;

    PublicSignatories(JdbcOperations jdbc, UtcInstantConverter instants) {
        this.jdbc = jdbc;
        this.instants = instants;
    }

    /**
     * One counted signature: where it counts (a German municipality by AGS, or a foreign one by id
     * and country), its office, and the name only where it may be shown.
     */
    public record Signatory(
            String ags,
            String districtAgs,
            Long foreignId,
            String country,
            String place,
            String landCode,
            String landName,
            String kreisAgs,
            long population,
            String role,
            String roleOther,
            String publicName,
            Instant confirmedAt) {}

    public List<Signatory> of(long appealId, boolean appealPublishesNames, PublicCount mode) {
        return jdbc.prepareStatement(
                """
                SELECT s.municipality_ags, s.district_ags, s.foreign_municipality_id, f.country,
                       COALESCE(m.display_name, k.display_name, f.name), COALESCE(m.land_code, k.land_code), l.name,
                       COALESCE(m.kreis_ags, k.ags), COALESCE(m.population, k.population, 0), s.role, s.role_other,
                       CASE WHEN s.public_name AND ? THEN s.name END, s.confirmed_at
                  FROM signature s
                  LEFT JOIN municipality m ON m.ags = s.municipality_ags
                  LEFT JOIN kreis k ON k.ags = s.district_ags
                  LEFT JOIN land l ON l.code = COALESCE(m.land_code, k.land_code)
                  LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id
                 WHERE s.appeal_id = ? AND s.status = 'CONFIRMED' AND (? OR s.trust <> 'EMAIL_ONLY')
                 ORDER BY s.confirmed_at, s.id
                """,
                (PreparedStatement ps) -> {
                    ps.setBoolean(1, appealPublishesNames);
                    ps.setLong(2, appealId);
                    ps.setBoolean(3, mode == PublicCount.ALL_CONFIRMED);
                    List<Signatory> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Signatory(
                                            rs.getString(1),
                                            rs.getString(2),
                                            (Long) rs.getObject(3, Long.class),
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getString(6),
                                            rs.getString(7),
                                            rs.getString(8),
                                            rs.getLong(9),
                                            rs.getString(10),
                                            rs.getString(11),
                                            rs.getString(12),
                                            instants.convertToEntityValue(rs.getString(13), null)));
                        }
                    }
                    return out;
                });
    }

    /**
     * One hour (UTC) of an appeal's publicly counted confirmations: how many, and how many
     * municipalities (in Germany or abroad) and Landkreise counted for the first time in it.
     */
    public record Hour(Instant start, long signatures, long newMunicipalities, long newDistricts) {}

    /**
     * The counted confirmations per hour, oldest first: as many rows as hours with confirmations,
     * never one per signature (the timeline of an appeal with a million signatures fits in memory).
     */
    public List<Hour> hourly(long appealId, PublicCount mode) {
        return jdbc.prepareStatement(
                """
                SELECT x.h, SUM(x.sig), SUM(x.first_m), SUM(x.first_d) FROM (
                    SELECT DATE_FORMAT(s.confirmed_at, '%Y-%m-%d %H:00:00') AS h, COUNT(*) AS sig,
                           0 AS first_m, 0 AS first_d
                      FROM signature s
                     WHERE s.appeal_id = ? AND s.status = 'CONFIRMED' AND (? OR s.trust <> 'EMAIL_ONLY')
                     GROUP BY h
                    UNION ALL
                    SELECT DATE_FORMAT(MIN(s.confirmed_at), '%Y-%m-%d %H:00:00'), 0,
                           MAX(s.district_ags IS NULL), MAX(s.district_ags IS NOT NULL)
                      FROM signature s
                     WHERE s.appeal_id = ? AND s.status = 'CONFIRMED' AND (? OR s.trust <> 'EMAIL_ONLY')
                     GROUP BY COALESCE(s.municipality_ags, CONCAT('K', s.district_ags),
                                       CONCAT('F', s.foreign_municipality_id))
                ) x GROUP BY x.h ORDER BY x.h
                """,
                (PreparedStatement ps) -> {
                    boolean all = mode == PublicCount.ALL_CONFIRMED;
                    ps.setLong(1, appealId);
                    ps.setBoolean(2, all);
                    ps.setLong(3, appealId);
                    ps.setBoolean(4, all);
                    List<Hour> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Hour(
                                            LocalDateTime.parse(rs.getString(1), HOUR)
                                                    .toInstant(ZoneOffset.UTC),
                                            rs.getLong(2),
                                            rs.getLong(3),
                                            rs.getLong(4)));
                        }
                    }
                    return out;
                });
    }

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * A recent counted signature: the place, its country when abroad, the office, the name only
     * where allowed.
     */
    public record Recent(
            String place,
            String country,
            String role,
            String roleOther,
            String publicName,
            Instant confirmedAt) {}

    /**
     * The most recently confirmed publicly counted signatures, newest first, at most {@code limit}.
     */
    public List<Recent> recent(
            long appealId, boolean appealPublishesNames, PublicCount mode, int limit) {
        return jdbc.prepareStatement(
                """
                SELECT COALESCE(m.display_name, k.display_name, f.name), f.country, s.role, s.role_other,
                       CASE WHEN s.public_name AND ? THEN s.name END, s.confirmed_at
                  FROM signature s
                  LEFT JOIN municipality m ON m.ags = s.municipality_ags
                  LEFT JOIN kreis k ON k.ags = s.district_ags
                  LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id
                 WHERE s.appeal_id = ? AND s.status = 'CONFIRMED' AND (? OR s.trust <> 'EMAIL_ONLY')
                 ORDER BY s.confirmed_at DESC, s.id DESC LIMIT ?
                """,
                (PreparedStatement ps) -> {
                    ps.setBoolean(1, appealPublishesNames);
                    ps.setLong(2, appealId);
                    ps.setBoolean(3, mode == PublicCount.ALL_CONFIRMED);
                    ps.setInt(4, limit);
                    List<Recent> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Recent(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            instants.convertToEntityValue(rs.getString(6), null)));
                        }
                    }
                    return out;
                });
    }
}
