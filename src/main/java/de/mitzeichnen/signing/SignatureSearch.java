package de.mitzeichnen.signing;

import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read queries on signatures that the console needs: a filtered list paged newest first by id
 * (keyset paging, so page 500 is as fast as page 1 at 100,000 rows), counts, and the ids a bulk
 * action would touch.
 */
@Singleton
@Connectable
public class SignatureSearch {

    public static final int PAGE_SIZE = 50;
    private static final String FROM =
            " FROM signature s LEFT JOIN municipality m ON m.ags = s.municipality_ags"
                    + " LEFT JOIN kreis k ON k.ags = s.district_ags"
                    + " LEFT JOIN land l ON l.code = COALESCE(m.land_code, k.land_code)"
                    + " LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id WHERE s.appeal_id = ?";

    /**
     * For counting and selecting ids: the municipality only when a filter asks about it, so counts
     * use the index.
     */
    private static String from(SignatureFilter filter) {
        return filter.landCode() != null
                ? " FROM signature s LEFT JOIN municipality m ON m.ags = s.municipality_ags WHERE s.appeal_id = ?"
                : " FROM signature s WHERE s.appeal_id = ?";
    }

    private final JdbcOperations jdbc;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    SignatureSearch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of the organiser's list. */
    public record Row(
            long id,
            String status,
            String name,
            String email,
            String role,
            String roleOther,
            String body,
            String municipality,
            String ags,
            String land,
            String trust,
            String flag,
            Instant submittedAt,
            Instant confirmedAt,
            String verificationMethod,
            String verifiedBy) {}

    /** A page of rows; {@code nextBefore} is the id to continue from, or null on the last page. */
    public record Page(List<Row> rows, Long nextBefore) {}

    public Page page(long appealId, SignatureFilter filter, Long before) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String where = filter.where(params);
        if (before != null) {
            where += " AND s.id < ?";
            params.add(before);
        }
        String sql =
                "SELECT s.id, s.status, s.name, s.email, s.role, s.role_other, s.body,"
                        + " COALESCE(m.display_name, k.display_name, f.name) AS municipality,"
                        + " COALESCE(s.municipality_ags, s.district_ags) AS municipality_ags,"
                        + " COALESCE(l.name, f.country) AS land, s.trust, s.trust_flag, s.submitted_at, s.confirmed_at,"
                        + " s.verification_method, s.verified_by"
                        + FROM
                        + where
                        + " ORDER BY s.id DESC LIMIT "
                        + (PAGE_SIZE + 1);
        List<Row> rows =
                jdbc.prepareStatement(
                        sql,
                        ps -> {
                            bind(ps, params);
                            List<Row> out = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(row(rs));
                                }
                            }
                            return out;
                        });
        if (rows.size() > PAGE_SIZE) {
            return new Page(rows.subList(0, PAGE_SIZE), rows.get(PAGE_SIZE - 1).id());
        }
        return new Page(rows, null);
    }

    public long count(long appealId, SignatureFilter filter) {
        return count(appealId, filter, null);
    }

    /**
     * How many of the selection are in one of {@code states} (e.g. those a transition may start
     * from).
     */
    public long count(long appealId, SignatureFilter filter, Set<SignatureStatus> states) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String sql = "SELECT COUNT(*)" + from(filter) + filter.where(params) + in(states);
        return jdbc.prepareStatement(
                sql,
                ps -> {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** The ids of the selection in one of {@code states}, oldest first. */
    public List<Long> ids(long appealId, SignatureFilter filter, Set<SignatureStatus> states) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String sql =
                "SELECT s.id" + from(filter) + filter.where(params) + in(states) + " ORDER BY s.id";
        return jdbc.prepareStatement(
                sql,
                ps -> {
                    bind(ps, params);
                    List<Long> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getLong(1));
                        }
                    }
                    return out;
                });
    }

    /**
     * A mail domain used for a municipality by {@code signatures} confirmed signers someone vouched
     * for.
     */
    public record DomainUse(String domain, String ags, long signatures) {}

    /**
     * The domains of the appeal's confirmed signatures whose address someone vouched for (signed
     * through a personal invitation, or checked by the organiser), per municipality.
     */
    public List<DomainUse> vouchedDomains(long appealId) {
        return jdbc.prepareStatement(
                """
                SELECT SUBSTRING_INDEX(email_key, '@', -1), municipality_ags, COUNT(*)
                  FROM signature
                 WHERE appeal_id = ? AND status = 'CONFIRMED' AND trust IN ('VERIFIED_BY_ORGANISER', 'INVITED')
                   AND email_key IS NOT NULL AND municipality_ags IS NOT NULL
                 GROUP BY SUBSTRING_INDEX(email_key, '@', -1), municipality_ags
                 ORDER BY 1, 2""",
                ps -> {
                    ps.setLong(1, appealId);
                    List<DomainUse> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new DomainUse(rs.getString(1), rs.getString(2), rs.getLong(3)));
                        }
                    }
                    return out;
                });
    }

    private static String in(Set<SignatureStatus> states) {
        if (states == null) {
            return "";
        }
        return " AND s.status IN ("
                + states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
                + ")";
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private Row row(ResultSet rs) throws SQLException {
        String confirmed = rs.getString("confirmed_at");
        return new Row(
                rs.getLong("id"),
                rs.getString("status"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("role"),
                rs.getString("role_other"),
                rs.getString("body"),
                rs.getString("municipality"),
                rs.getString("municipality_ags"),
                rs.getString("land"),
                rs.getString("trust"),
                rs.getString("trust_flag"),
                instants.convertToEntityValue(rs.getString("submitted_at"), null),
                confirmed == null ? null : instants.convertToEntityValue(confirmed, null),
                rs.getString("verification_method"),
                rs.getString("verified_by"));
    }
}
