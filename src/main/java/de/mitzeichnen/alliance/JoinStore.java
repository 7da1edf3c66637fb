package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.signing.VerificationMethod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of table {@code alliance_join}. Which rows a change may touch comes from {@link
 * JoinTransition}'s table (its start states), so the table and the SQL never disagree. Dates travel
 * as ISO text, instants as UTC text ({@link Sql}).
 */
@Singleton
@Connectable
class JoinStore {

    private static final String SELECT = "SELECT * FROM alliance_join";
    private static final String OPEN =
            SELECT
                    + " WHERE alliance_id = ? AND state"
                    + in(JoinTransition.ACCEPT)
                    + " ORDER BY confirmed_at, id";

    private final JdbcOperations jdbc;

    JoinStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A declaration as the form sends it, with the hash of its link's token. */
    record NewJoin(
            long allianceId,
            MemberTarget target,
            SignerRole role,
            @Nullable String roleOther,
            String name,
            String email,
            String emailKey,
            String decisionKind,
            LocalDate decidedOn,
            @Nullable String decisionNumber,
            String language,
            String privacyVersion,
            String tokenHash,
            Instant expiresAt) {}

    long insert(NewJoin in, Instant now) {
        JoinTransition.SUBMIT.apply(null, JoinState.PENDING_CONFIRMATION);
        Place p = Place.of(in.target());
        return Sql.insert(
                jdbc.getConnection(),
                """
                INSERT INTO alliance_join (alliance_id, state, municipality_ags, gebietsstand, district_ags, foreign_country,
                                           foreign_name, role, role_other, name, email, email_key, decision_kind, decided_on,
                                           decision_number, language, privacy_version, confirm_token_hash,
                                           confirm_expires_at, mails_sent, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                in.allianceId(),
                JoinState.PENDING_CONFIRMATION.name(),
                p.ags,
                p.gebietsstand,
                p.district,
                p.country,
                p.foreignName,
                in.role().name(),
                in.roleOther(),
                in.name(),
                in.email(),
                in.emailKey(),
                in.decisionKind(),
                in.decidedOn(),
                in.decisionNumber(),
                in.language(),
                in.privacyVersion(),
                in.tokenHash(),
                in.expiresAt(),
                now,
                now);
    }

    /** RESUBMIT: the unconfirmed declaration of the same address takes the new data and link. */
    void resubmit(long id, NewJoin in, Instant now) {
        Place p = Place.of(in.target());
        Sql.update(
                jdbc.getConnection(),
                """
                UPDATE alliance_join SET municipality_ags = ?, gebietsstand = ?, district_ags = ?, foreign_country = ?,
                       foreign_name = ?, role = ?, role_other = ?, name = ?, email = ?, decision_kind = ?, decided_on = ?,
                       decision_number = ?, language = ?, privacy_version = ?, confirm_token_hash = ?,
                       confirm_expires_at = ?, updated_at = ?
                 WHERE id = ? AND state"""
                        + in(JoinTransition.RESUBMIT),
                p.ags,
                p.gebietsstand,
                p.district,
                p.country,
                p.foreignName,
                in.role().name(),
                in.roleOther(),
                in.name(),
                in.email(),
                in.decisionKind(),
                in.decidedOn(),
                in.decisionNumber(),
                in.language(),
                in.privacyVersion(),
                in.tokenHash(),
                in.expiresAt(),
                now,
                id);
    }

    /** One more mail went to the declarant about this declaration. */
    void countMail(long id) {
        Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_join SET mails_sent = mails_sent + 1 WHERE id = ?",
                id);
    }

    /**
     * The unconfirmed declaration of an address for an alliance, locked. A plain read comes first,
     * as signing does it: a locking read of a missing row takes a gap lock that concurrent inserts
     * would deadlock on.
     */
    Optional<JoinDeclaration> pendingOfAddressForUpdate(long allianceId, String emailKey) {
        String where =
                " WHERE alliance_id = ? AND email_key = ? AND state"
                        + in(JoinTransition.RESUBMIT)
                        + " ORDER BY id DESC LIMIT 1";
        Optional<JoinDeclaration> found =
                Sql.first(
                        jdbc.getConnection(),
                        SELECT + where,
                        JoinStore::declaration,
                        allianceId,
                        emailKey);
        return found.isEmpty()
                ? found
                : Sql.first(
                        jdbc.getConnection(),
                        SELECT + " WHERE id = ? FOR UPDATE",
                        JoinStore::declaration,
                        found.get().id());
    }

    Optional<JoinDeclaration> byTokenHash(String hash) {
        return Sql.first(
                jdbc.getConnection(),
                SELECT + " WHERE confirm_token_hash = ?",
                JoinStore::declaration,
                hash);
    }

    Optional<JoinDeclaration> byTokenHashForUpdate(String hash) {
        return Sql.first(
                jdbc.getConnection(),
                SELECT + " WHERE confirm_token_hash = ? FOR UPDATE",
                JoinStore::declaration,
                hash);
    }

    Optional<JoinDeclaration> byId(long allianceId, long id) {
        return Sql.first(
                jdbc.getConnection(),
                SELECT + " WHERE alliance_id = ? AND id = ?",
                JoinStore::declaration,
                allianceId,
                id);
    }

    Optional<JoinDeclaration> byIdForUpdate(long allianceId, long id) {
        return Sql.first(
                jdbc.getConnection(),
                SELECT + " WHERE alliance_id = ? AND id = ? FOR UPDATE",
                JoinStore::declaration,
                allianceId,
                id);
    }

    /** CONFIRM: the state the trust of the address leads to. */
    void confirm(JoinDeclaration d, JoinState target, DomainTrust trust, Instant now) {
        JoinTransition.CONFIRM.apply(d.state(), target);
        Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_join SET state = ?, domain_trust = ?, confirmed_at = ?,"
                        + " updated_at = ? WHERE id = ? AND state"
                        + in(JoinTransition.CONFIRM),
                target.name(),
                trust.name(),
                now,
                now,
                d.id());
    }

    /** ACCEPT or DECLINE: who decided when, how they checked, why not, and the membership. */
    void decide(
            JoinDeclaration d,
            JoinTransition transition,
            JoinState target,
            long accountId,
            @Nullable VerificationMethod method,
            @Nullable String reason,
            @Nullable Long memberId,
            Instant now) {
        transition.apply(d.state(), target);
        Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_join SET state = ?, decided_at = ?, decided_by = ?, check_method = ?,"
                        + " decline_reason = ?, member_id = ?, updated_at = ? WHERE id = ? AND state"
                        + in(transition),
                target.name(),
                now,
                accountId,
                method == null ? null : method.name(),
                reason,
                memberId,
                now,
                d.id());
    }

    /**
     * The confirmed declarations of these alliances the organiser has yet to decide, oldest first
     * (one query per alliance: an organisation runs a handful).
     */
    List<JoinDeclaration> open(Collection<Long> allianceIds) {
        List<JoinDeclaration> out = new ArrayList<>();
        for (long allianceId : allianceIds) {
            out.addAll(Sql.list(jdbc.getConnection(), OPEN, JoinStore::declaration, allianceId));
        }
        out.sort(
                Comparator.comparing(JoinDeclaration::confirmedAt)
                        .thenComparing(JoinDeclaration::id));
        return out;
    }

    /** The latest decided declarations of an alliance, newest first. */
    List<JoinDeclaration> decided(long allianceId, int limit) {
        return Sql.list(
                jdbc.getConnection(),
                SELECT
                        + " WHERE alliance_id = ? AND state IN ('ACCEPTED', 'DECLINED')"
                        + " ORDER BY decided_at DESC, id DESC LIMIT ?",
                JoinStore::declaration,
                allianceId,
                limit);
    }

    /** EXPIRE: unconfirmed declarations whose link expired before {@code expiredBefore}. */
    int purgeExpired(Instant expiredBefore, int batch) {
        return Sql.update(
                jdbc.getConnection(),
                "DELETE FROM alliance_join WHERE state"
                        + in(JoinTransition.EXPIRE)
                        + " AND confirm_expires_at < ? ORDER BY id LIMIT ?",
                expiredBefore,
                batch);
    }

    /** ERASE: personal data of declarations decided before {@code decidedBefore}. */
    int eraseDecided(Instant decidedBefore, Instant now, int batch) {
        return Sql.update(
                jdbc.getConnection(),
                "UPDATE alliance_join SET name = NULL, email = NULL, email_key = NULL,"
                        + " role_other = NULL, decline_reason = NULL, confirm_token_hash = NULL,"
                        + " erased_at = ?, updated_at = ? WHERE state"
                        + in(JoinTransition.ERASE)
                        + " AND erased_at IS NULL AND decided_at < ? ORDER BY id LIMIT ?",
                now,
                now,
                decidedBefore,
                batch);
    }

    /** „ IN ('A', 'B')": the states a transition may start from (enum names, never input). */
    static String in(JoinTransition t) {
        return t.from().stream()
                .map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ", " IN (", ")"));
    }

    /** The place columns of a target. */
    private record Place(
            @Nullable String ags,
            @Nullable LocalDate gebietsstand,
            @Nullable String district,
            @Nullable String country,
            @Nullable String foreignName) {
        static Place of(MemberTarget target) {
            if (target instanceof MemberTarget.Municipality m) {
                return new Place(m.ags(), m.gebietsstand(), null, null, null);
            }
            if (target instanceof MemberTarget.District d) {
                return new Place(null, null, d.key(), null, null);
            }
            MemberTarget.Foreign f = (MemberTarget.Foreign) target;
            return new Place(null, null, null, f.country(), f.name());
        }
    }

    private static JoinDeclaration declaration(ResultSet rs) throws SQLException {
        String ags = rs.getString("municipality_ags");
        String district = rs.getString("district_ags");
        MemberTarget target =
                ags != null
                        ? new MemberTarget.Municipality(ags, date(rs.getString("gebietsstand")))
                        : district != null
                                ? new MemberTarget.District(district)
                                : new MemberTarget.Foreign(
                                        rs.getString("foreign_country"),
                                        rs.getString("foreign_name"));
        String trust = rs.getString("domain_trust");
        String method = rs.getString("check_method");
        long decidedBy = rs.getLong("decided_by");
        boolean byNobody = rs.wasNull();
        long memberId = rs.getLong("member_id");
        boolean noMember = rs.wasNull();
        return new JoinDeclaration(
                rs.getLong("id"),
                rs.getLong("alliance_id"),
                JoinState.valueOf(rs.getString("state")),
                target,
                SignerRole.valueOf(rs.getString("role")),
                rs.getString("role_other"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("email_key"),
                trust == null ? null : DomainTrust.valueOf(trust),
                rs.getString("decision_kind"),
                date(rs.getString("decided_on")),
                rs.getString("decision_number"),
                rs.getString("language"),
                Sql.instant(rs, "confirm_expires_at"),
                rs.getInt("mails_sent"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "confirmed_at"),
                Sql.instant(rs, "decided_at"),
                byNobody ? null : decidedBy,
                method == null ? null : VerificationMethod.valueOf(method),
                rs.getString("decline_reason"),
                noMember ? null : memberId,
                Sql.instant(rs, "erased_at"));
    }

    private static LocalDate date(@Nullable String text) {
        return text == null ? null : LocalDate.parse(text.substring(0, 10));
    }
}
