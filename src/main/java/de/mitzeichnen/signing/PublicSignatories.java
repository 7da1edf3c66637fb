package de.mitzeichnen.signing;

import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The publicly visible fields of an appeal's counted (CONFIRMED) signatures, oldest confirmation first. A signer's
 * name leaves this class only when the signer agreed and the appeal publishes names; e-mail, IP hash and tokens never.
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
     * One counted signature: where it counts (a German municipality by AGS, or a foreign one by id and country),
     * its office, and the name only where it may be shown.
     */
    public record Signatory(String ags, Long foreignId, String country, String place, String landCode,
                            String landName, String kreisAgs, long population, String role, String roleOther,
                            String publicName, Instant confirmedAt) {
    }

    public List<Signatory> of(long appealId, boolean appealPublishesNames) {
        return jdbc.prepareStatement("""
                SELECT s.municipality_ags, s.foreign_municipality_id, f.country, COALESCE(m.display_name, f.name),
                       m.land_code, l.name, m.kreis_ags, COALESCE(m.population, 0), s.role, s.role_other,
                       CASE WHEN s.public_name AND ? THEN s.name END, s.confirmed_at
                  FROM signature s
                  LEFT JOIN municipality m ON m.ags = s.municipality_ags
                  LEFT JOIN land l ON l.code = m.land_code
                  LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id
                 WHERE s.appeal_id = ? AND s.status = 'CONFIRMED'
                 ORDER BY s.confirmed_at, s.id
                """, (PreparedStatement ps) -> {
            ps.setBoolean(1, appealPublishesNames);
            ps.setLong(2, appealId);
            List<Signatory> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Signatory(rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), instants.convertToEntityValue(rs.getString(12), null)));
                }
            }
            return out;
        });
    }
}
