package de.mitzeichnen.export;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.web.Texts;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads the signatures of an appeal for an export as a stream: Connector/J hands rows over one by
 * one (fetch size MIN_VALUE), so memory stays flat whatever the number of rows. Ordered by Land key
 * (the official order, Schleswig-Holstein first), then municipality; foreign municipalities last.
 */
@Singleton
@Connectable
class ExportQuery {

    private static final String SQL =
            """
            SELECT COALESCE(m.display_name, kd.display_name, f.name, '') AS municipality,
                   COALESCE(s.municipality_ags, s.district_ags) AS municipality_ags,
                   COALESCE(m.land_code, kd.land_code) AS land_code,
                   COALESCE(l.name, f.country, '') AS land, COALESCE(k.name, kd.name) AS kreis,
                   COALESCE(m.population, kd.population) AS population, s.name, s.role,
                   s.role_other, s.body, s.email, s.trust, s.trust_flag, s.confirmed_at, s.appeal_text_hash,
                   s.public_name, s.district_ags IS NOT NULL AS district
              FROM signature s
              LEFT JOIN municipality m ON m.ags = s.municipality_ags
              LEFT JOIN kreis k ON k.ags = m.kreis_ags
              LEFT JOIN kreis kd ON kd.ags = s.district_ags
              LEFT JOIN land l ON l.code = COALESCE(m.land_code, kd.land_code)
              LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id
             WHERE s.appeal_id = ?
               AND s.status IN (%s)
               %s %s
             ORDER BY COALESCE(m.land_code, kd.land_code) IS NULL, COALESCE(m.land_code, kd.land_code), municipality,
                      s.confirmed_at, s.id
            """;

    private final JdbcOperations jdbc;
    private final Texts texts;

    ExportQuery(JdbcOperations jdbc, Texts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
    }

    /** Feeds every matching row to {@code sink}; returns how many there were. */
    long stream(long appealId, ExportFilter filter, Locale locale, Consumer<ExportRow> sink) {
        String sql =
                SQL.formatted(
                        filter.confirmedOnly() ? "'CONFIRMED'" : "'CONFIRMED', 'PENDING'",
                        filter.verifiedOnly()
                                ? "AND s.trust IN ('OFFICIAL_DOMAIN', 'INVITED', 'VERIFIED_BY_ORGANISER')"
                                : "",
                        filter.landCode() != null
                                ? "AND COALESCE(m.land_code, kd.land_code) = ?"
                                : "");
        return jdbc.execute(
                connection -> {
                    try (PreparedStatement ps =
                            connection.prepareStatement(
                                    sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                        ps.setFetchSize(Integer.MIN_VALUE);
                        if (filter.landCode() != null) {
                            Sql.bind(ps, appealId, filter.landCode());
                        } else {
                            Sql.bind(ps, appealId);
                        }
                        long n = 0;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                sink.accept(row(rs, locale));
                                n++;
                            }
                        }
                        return n;
                    }
                });
    }

    private ExportRow row(ResultSet rs, Locale locale) throws SQLException {
        SignerRole role = SignerRole.parse(rs.getString("role")).orElse(SignerRole.OTHER);
        String roleText =
                role == SignerRole.OTHER && rs.getString("role_other") != null
                        ? rs.getString("role_other")
                        : texts.get(locale, role.messageKey());
        Integer population = rs.getObject("population") == null ? null : rs.getInt("population");
        return new ExportRow(
                rs.getString("municipality"),
                rs.getString("municipality_ags"),
                rs.getString("land"),
                rs.getString("land_code"),
                rs.getString("kreis"),
                population,
                rs.getString("name"),
                roleText,
                rs.getString("body"),
                rs.getString("email"),
                // codes; Columns puts them in words of the export's language
                rs.getString("trust"),
                rs.getString("trust_flag"),
                Sql.instant(rs, "confirmed_at"),
                rs.getString("appeal_text_hash"),
                rs.getBoolean("public_name"),
                rs.getBoolean("district"));
    }
}
