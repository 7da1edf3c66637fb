package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The SQL of tables {@code alliance_contact} and {@code alliance_unsubscribe}. */
@Singleton
@Connectable
class ContactStore {

    private static final String COLUMNS =
            "id, alliance_id, municipality_ags, district_ags, foreign_municipality_id, name, role,"
                    + " email, email_key, body, note, last_used_at, created_at, updated_at, version";

    private final JdbcOperations jdbc;

    ContactStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Every contact of an alliance, by place and name. */
    List<Contact> ofAlliance(long allianceId) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + " FROM alliance_contact WHERE alliance_id = ?"
                        + " ORDER BY municipality_ags, district_ags, foreign_municipality_id, name, id",
                ContactStore::contact,
                allianceId);
    }

    List<Contact> ofPlace(long allianceId, MemberPlace place) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + " FROM alliance_contact WHERE alliance_id = ? AND "
                        + MemberStore.column(place.kind())
                        + " = ? ORDER BY name, id",
                ContactStore::contact,
                allianceId,
                place.key());
    }

    Optional<Contact> byId(long allianceId, long id) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT " + COLUMNS + " FROM alliance_contact WHERE alliance_id = ? AND id = ?",
                ContactStore::contact,
                allianceId,
                id);
    }

    Optional<Contact> byEmailKey(long allianceId, String emailKey) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + " FROM alliance_contact WHERE alliance_id = ? AND email_key = ?",
                ContactStore::contact,
                allianceId,
                emailKey);
    }

    /** A contact's fields as a form or a file gives them, checked. */
    record Fields(
            String name,
            SignerRole role,
            String email,
            String emailKey,
            @Nullable String body,
            @Nullable String note) {}

    long insert(long allianceId, MemberPlace place, Fields f, Instant now) {
        return Sql.insert(
                jdbc.getConnection(),
                """
                INSERT INTO alliance_contact (alliance_id, municipality_ags, district_ags, foreign_municipality_id,
                                              name, role, email, email_key, body, note, last_used_at, created_at,
                                              updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                allianceId,
                place.kind() == MemberPlace.Kind.MUNICIPALITY ? place.key() : null,
                place.kind() == MemberPlace.Kind.DISTRICT ? place.key() : null,
                place.kind() == MemberPlace.Kind.FOREIGN ? place.foreignId() : null,
                f.name(),
                f.role().name(),
                f.email(),
                f.emailKey(),
                f.body(),
                f.note(),
                now,
                now,
                now);
    }

    /** Changes the fields when the contact is still at {@code version}; false when it was not. */
    boolean update(long allianceId, long id, long version, Fields f, Instant now) {
        return Sql.update(
                        jdbc.getConnection(),
                        "UPDATE alliance_contact SET name = ?, role = ?, email = ?, email_key = ?, body = ?,"
                                + " note = ?, last_used_at = ?, updated_at = ?, version = version + 1"
                                + " WHERE alliance_id = ? AND id = ? AND version = ?",
                        f.name(),
                        f.role().name(),
                        f.email(),
                        f.emailKey(),
                        f.body(),
                        f.note(),
                        now,
                        now,
                        allianceId,
                        id,
                        version)
                == 1;
    }

    int delete(long allianceId, long id) {
        return Sql.update(
                jdbc.getConnection(),
                "DELETE FROM alliance_contact WHERE alliance_id = ? AND id = ?",
                allianceId,
                id);
    }

    /** The contacts were written to (invited): their retention starts again. */
    void used(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        List<Object> params = new java.util.ArrayList<>();
        params.add(now);
        params.addAll(ids);
        Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_contact SET last_used_at = ? WHERE id IN ("
                        + String.join(",", Collections.nCopies(ids.size(), "?"))
                        + ")",
                params.toArray());
    }

    /** Contacts unused since {@code before}, at most {@code limit} (the retention job). */
    List<Contact> unusedSince(Instant before, int limit) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT "
                        + COLUMNS
                        + " FROM alliance_contact WHERE last_used_at < ? ORDER BY id LIMIT ?",
                ContactStore::contact,
                before,
                limit);
    }

    // ---- the do-not-mail list ----

    boolean unsubscribed(long allianceId, String addressHash) {
        return Sql.first(
                        jdbc.getConnection(),
                        "SELECT 1 FROM alliance_unsubscribe WHERE alliance_id = ? AND address_hash = ?",
                        rs -> rs.getInt(1),
                        allianceId,
                        addressHash)
                .isPresent();
    }

    /** The hashes of every address that unsubscribed from the alliance. */
    java.util.Set<String> unsubscribedHashes(long allianceId) {
        return new java.util.HashSet<>(
                Sql.list(
                        jdbc.getConnection(),
                        "SELECT address_hash FROM alliance_unsubscribe WHERE alliance_id = ?",
                        rs -> rs.getString(1),
                        allianceId));
    }

    /** Records the objection; false when it was recorded before. */
    boolean unsubscribe(long allianceId, String addressHash, Instant now) {
        return Sql.update(
                        jdbc.getConnection(),
                        "INSERT IGNORE INTO alliance_unsubscribe (alliance_id, address_hash, unsubscribed_at)"
                                + " VALUES (?, ?, ?)",
                        allianceId,
                        addressHash,
                        now)
                == 1;
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        String ags = rs.getString("municipality_ags");
        String district = rs.getString("district_ags");
        MemberPlace place =
                ags != null
                        ? MemberPlace.municipality(ags)
                        : district != null
                                ? MemberPlace.district(district)
                                : MemberPlace.foreign(rs.getLong("foreign_municipality_id"));
        return new Contact(
                rs.getLong("id"),
                rs.getLong("alliance_id"),
                place,
                rs.getString("name"),
                SignerRole.parse(rs.getString("role")).orElse(SignerRole.OTHER),
                rs.getString("email"),
                rs.getString("email_key"),
                rs.getString("body"),
                rs.getString("note"),
                Sql.instant(rs, "last_used_at"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
