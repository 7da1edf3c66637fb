package de.mitzeichnen.moderation;

import de.mitzeichnen.db.UtcInstantConverter;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The organiser's view of an appeal's signatures: a filtered list paged newest first by id (keyset paging, so
 * page 500 is as fast as page 1 at 100,000 rows), and actions on one signature or on a whole filtered selection.
 */
@Singleton
@Connectable
public class Moderation {

    public static final int PAGE_SIZE = 50;
    private static final String FROM = " FROM signature s LEFT JOIN municipality m ON m.ags = s.municipality_ags"
            + " LEFT JOIN land l ON l.code = m.land_code"
            + " LEFT JOIN foreign_municipality f ON f.id = s.foreign_municipality_id WHERE s.appeal_id = ?";
    /** For counting and selecting ids: the municipality only when a filter asks about it, so counts use the index. */
    private static String from(ModerationFilter filter) {
        return filter.landCode() != null
                ? " FROM signature s LEFT JOIN municipality m ON m.ags = s.municipality_ags WHERE s.appeal_id = ?"
                : " FROM signature s WHERE s.appeal_id = ?";
    }

    private final JdbcOperations jdbc;
    private final RejectionNotices notices;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    Moderation(JdbcOperations jdbc, RejectionNotices notices, Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.clock = clock;
    }

    /** One line of the moderation list. */
    public record Row(long id, String status, String name, String email, String role, String roleOther, String body,
                      String municipality, String ags, String land, String trust, String flag, Instant submittedAt,
                      Instant confirmedAt) {
    }

    /** A page of rows; {@code nextBefore} is the id to continue from, or null on the last page. */
    public record Page(List<Row> rows, Long nextBefore) {
    }

    public Page page(long appealId, ModerationFilter filter, Long before) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String where = filter.where(params);
        if (before != null) {
            where += " AND s.id < ?";
            params.add(before);
        }
        String sql = "SELECT s.id, s.status, s.name, s.email, s.role, s.role_other, s.body,"
                + " COALESCE(m.display_name, f.name) AS municipality, s.municipality_ags, COALESCE(l.name, f.country) AS land,"
                + " s.trust, s.trust_flag, s.submitted_at, s.confirmed_at" + FROM + where
                + " ORDER BY s.id DESC LIMIT " + (PAGE_SIZE + 1);
        List<Row> rows = jdbc.prepareStatement(sql, ps -> {
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

    public long count(long appealId, ModerationFilter filter) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String sql = "SELECT COUNT(*)" + from(filter) + filter.where(params);
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** How many signatures of the selection an action would change (the preview before a bulk action). */
    public long preview(long appealId, ModerationFilter filter, ModerationAction action) {
        List<Object> params = new ArrayList<>();
        params.add(appealId);
        String sql = "SELECT COUNT(*)" + from(filter) + filter.where(params) + " AND s.status IN (" + action.fromStates + ")";
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Applies an action to one signature of the appeal; returns whether it changed. */
    @Transactional
    public boolean apply(long appealId, long signatureId, ModerationAction action, String reason, String actor,
                         boolean notify) {
        return applyWhere(appealId, " AND s.id = ?", List.of(signatureId), action, reason, actor, notify) == 1;
    }

    /** Applies an action to every signature the filter selects; returns how many changed. */
    @Transactional
    public long applyAll(long appealId, ModerationFilter filter, ModerationAction action, String reason, String actor,
                         boolean notify) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        return applyWhere(appealId, where, params, action, reason, actor, notify);
    }

    private long applyWhere(long appealId, String where, List<Object> whereParams, ModerationAction action,
                            String reason, String actor, boolean notify) {
        String now = instants.convertToPersistedValue(clock.instant(), null);
        List<Object> selectParams = new ArrayList<>();
        selectParams.add(appealId);
        selectParams.addAll(whereParams);
        // Lock the selection first, so that the events, the update and the mails speak of the same rows.
        List<Long> ids = jdbc.prepareStatement("SELECT s.id" + FROM + where + " AND s.status IN (" + action.fromStates
                + ") FOR UPDATE", ps -> {
            bind(ps, selectParams);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
        for (List<Long> chunk : chunks(ids)) {
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> eventParams = new ArrayList<>(List.of(action.name(), reason, actor, now));
            eventParams.addAll(chunk);
            jdbc.prepareStatement("INSERT INTO signature_event (signature_id, appeal_id, action, reason, actor, at)"
                    + " SELECT s.id, s.appeal_id, ?, ?, ?, ? FROM signature s WHERE s.id IN (" + in + ")", ps -> {
                bind(ps, eventParams);
                return ps.executeUpdate();
            });
            List<Object> updateParams = new ArrayList<>();
            if (action.setTakesNow()) {
                updateParams.add(now);
            }
            updateParams.add(now);
            updateParams.addAll(chunk);
            jdbc.prepareStatement("UPDATE signature s SET " + action.set
                    + ", s.updated_at = ?, s.version = s.version + 1 WHERE s.id IN (" + in + ")", ps -> {
                bind(ps, updateParams);
                return ps.executeUpdate();
            });
        }
        if (notify && action == ModerationAction.REJECT) {
            ids.forEach(id -> notices.rejected(id, reason));
        }
        return ids.size();
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private Row row(ResultSet rs) throws SQLException {
        String confirmed = rs.getString("confirmed_at");
        return new Row(rs.getLong("id"), rs.getString("status"), rs.getString("name"), rs.getString("email"),
                rs.getString("role"), rs.getString("role_other"), rs.getString("body"), rs.getString("municipality"),
                rs.getString("municipality_ags"), rs.getString("land"), rs.getString("trust"),
                rs.getString("trust_flag"), instants.convertToEntityValue(rs.getString("submitted_at"), null),
                confirmed == null ? null : instants.convertToEntityValue(confirmed, null));
    }
}
