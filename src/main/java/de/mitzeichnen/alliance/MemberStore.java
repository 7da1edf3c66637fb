package de.mitzeichnen.alliance;

import de.mitzeichnen.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of tables {@code alliance_member} and {@code alliance_member_evidence}. Dates travel as
 * ISO text (a {@code java.sql.Date} would be shifted by the JVM's time zone).
 */
@Singleton
@Connectable
class MemberStore {

    private static final String COLUMNS =
            "m.id, m.alliance_id, m.municipality_ags, m.gebietsstand, m.district_ags,"
                    + " m.foreign_municipality_id, m.joined_on, m.left_on, m.basis,"
                    + " (e.member_id IS NOT NULL) AS has_evidence";
    private static final String FROM =
            " FROM alliance_member m LEFT JOIN alliance_member_evidence e ON e.member_id = m.id";

    private final JdbcOperations jdbc;

    MemberStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Every membership of an alliance, past, present and future, in order of joining. */
    List<Member> ofAlliance(long allianceId) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT " + COLUMNS + FROM + " WHERE m.alliance_id = ? ORDER BY m.joined_on, m.id",
                MemberStore::member,
                allianceId);
    }

    /** The memberships in force on at least one day from {@code from} to {@code until}. */
    List<Member> inForceBetween(long allianceId, LocalDate from, LocalDate until) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + FROM
                        + " WHERE m.alliance_id = ? AND m.joined_on <= ?"
                        + " AND (m.left_on IS NULL OR m.left_on > ?) ORDER BY m.joined_on, m.id",
                MemberStore::member,
                allianceId,
                until,
                from);
    }

    /** The memberships of one place in an alliance. */
    List<Member> ofPlace(long allianceId, MemberPlace place) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + FROM
                        + " WHERE m.alliance_id = ? AND m."
                        + column(place.kind())
                        + " = ? ORDER BY m.joined_on, m.id",
                MemberStore::member,
                allianceId,
                place.key());
    }

    Optional<Member> byId(long allianceId, long memberId) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT " + COLUMNS + FROM + " WHERE m.alliance_id = ? AND m.id = ?",
                MemberStore::member,
                allianceId,
                memberId);
    }

    long insert(
            long allianceId,
            MemberPlace place,
            @Nullable LocalDate gebietsstand,
            LocalDate joinedOn,
            @Nullable LocalDate leftOn,
            @Nullable String basis,
            Instant now) {
        return Sql.insert(
                jdbc.getConnection(),
                """
                INSERT INTO alliance_member (alliance_id, municipality_ags, gebietsstand, district_ags,
                                             foreign_municipality_id, joined_on, left_on, basis, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                allianceId,
                place.kind() == MemberPlace.Kind.MUNICIPALITY ? place.key() : null,
                gebietsstand,
                place.kind() == MemberPlace.Kind.DISTRICT ? place.key() : null,
                place.kind() == MemberPlace.Kind.FOREIGN ? place.foreignId() : null,
                joinedOn,
                leftOn,
                basis,
                now,
                now);
    }

    int end(long allianceId, long memberId, LocalDate leftOn, Instant now) {
        return Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_member SET left_on = ?, updated_at = ?"
                        + " WHERE alliance_id = ? AND id = ? AND left_on IS NULL",
                leftOn,
                now,
                allianceId,
                memberId);
    }

    void saveEvidence(long allianceId, long memberId, Evidence file, Instant now) {
        Sql.update(
                jdbc.getConnection(),
                """
                INSERT INTO alliance_member_evidence (member_id, alliance_id, file_name, content_type, file_size,
                                                      content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                memberId,
                allianceId,
                file.name(),
                file.contentType(),
                file.content().length,
                file.content(),
                now);
    }

    Optional<Evidence> evidence(long allianceId, long memberId) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT file_name, content_type, content FROM alliance_member_evidence"
                        + " WHERE alliance_id = ? AND member_id = ?",
                rs -> new Evidence(rs.getString(1), rs.getString(2), rs.getBytes(3)),
                allianceId,
                memberId);
    }

    /** A membership's scan or file. */
    record Evidence(String name, String contentType, byte[] content) {}

    static String column(MemberPlace.Kind kind) {
        return switch (kind) {
            case MUNICIPALITY -> "municipality_ags";
            case DISTRICT -> "district_ags";
            case FOREIGN -> "foreign_municipality_id";
        };
    }

    private static Member member(ResultSet rs) throws SQLException {
        String ags = rs.getString("municipality_ags");
        String district = rs.getString("district_ags");
        MemberPlace place =
                ags != null
                        ? MemberPlace.municipality(ags)
                        : district != null
                                ? MemberPlace.district(district)
                                : MemberPlace.foreign(rs.getLong("foreign_municipality_id"));
        // a DATE read as LocalDate has no time zone to shift it (binding one would: see Sql.bind)
        return new Member(
                rs.getLong("id"),
                rs.getLong("alliance_id"),
                place,
                rs.getObject("gebietsstand", LocalDate.class),
                rs.getObject("joined_on", LocalDate.class),
                rs.getObject("left_on", LocalDate.class),
                rs.getString("basis"),
                rs.getBoolean("has_evidence"));
    }
}
