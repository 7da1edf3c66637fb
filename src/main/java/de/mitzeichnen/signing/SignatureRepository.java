package de.mitzeichnen.signing;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * The signature table. A transition locks its row first (a {@code …ForUpdate} finder) and then
 * writes only the parts it changed; the lock, not the version, keeps concurrent transitions apart,
 * and the version guards the one full rewrite (RESUBMIT, {@link #update}).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SignatureRepository extends CrudRepository<Signature, Long> {

    /**
     * Locks the signature of an address under an appeal, if it has one, so that concurrent
     * submissions queue up. A plain read comes first: a locking read of a missing row takes a gap
     * lock, and new addresses that fall into one gap then deadlock on their inserts (under load,
     * every few hundred submissions). Two submissions of one new address still meet at the unique
     * index, and the loser's retry finds the winner's row.
     */
    default Optional<Signature> findForUpdate(Long appealId, String emailKey) {
        return findByAppealIdAndSignerEmailKey(appealId, emailKey).isEmpty()
                ? Optional.empty()
                : findByAppealIdAndSignerEmailKeyForUpdate(appealId, emailKey);
    }

    Optional<Signature> findByAppealIdAndSignerEmailKey(Long appealId, String emailKey);

    Optional<Signature> findByAppealIdAndSignerEmailKeyForUpdate(Long appealId, String emailKey);

    Optional<Signature> findByLinksConfirmTokenHash(String confirmTokenHash);

    Optional<Signature> findByLinksConfirmTokenHashForUpdate(String confirmTokenHash);

    Optional<Signature> findByLinksWithdrawTokenHash(String withdrawTokenHash);

    Optional<Signature> findByLinksWithdrawTokenHashForUpdate(String withdrawTokenHash);

    Optional<Signature> findByIdAndAppealIdForUpdate(Long id, Long appealId);

    // The partial updates: each writes the columns one kind of change touches, taken from the
    // next state the caller built (Signature's withers) while it holds the row lock. (Derived
    // updates take neither a whole part, which fails on a null inside it, nor a column of one.)

    /** REJECT, RESTORE, SUSPECT, CLEAR of a confirmed one: the status alone. */
    @Query("UPDATE signature SET status = :status, updated_at = :updatedAt WHERE id = :id")
    void updateStatus(Long id, SignatureStatus status, @Utc Instant updatedAt);

    /** CLEAR of a held submission (a fresh link and its mail), or one more mail. */
    @Query(
            "UPDATE signature SET status = :status, confirm_token_hash = :confirmTokenHash,"
                    + " confirm_expires_at = :confirmExpiresAt, mails_sent = :mailsSent,"
                    + " updated_at = :updatedAt WHERE id = :id")
    void updateLinks(
            Long id,
            SignatureStatus status,
            @Nullable String confirmTokenHash,
            @Nullable @Utc Instant confirmExpiresAt,
            int mailsSent,
            @Utc Instant updatedAt);

    /** CONFIRM: trust fixed, the withdrawal link and its mail. */
    @Query(
            "UPDATE signature SET status = :status, trust = :trust, trust_flag = :trustFlag,"
                    + " withdraw_token_hash = :withdrawTokenHash, mails_sent = :mailsSent,"
                    + " confirmed_at = :confirmedAt, updated_at = :updatedAt WHERE id = :id")
    void updateConfirmed(
            Long id,
            SignatureStatus status,
            @Nullable Trust trust,
            @Nullable TrustFlag trustFlag,
            @Nullable String withdrawTokenHash,
            int mailsSent,
            @Nullable @Utc Instant confirmedAt,
            @Utc Instant updatedAt);

    /** VERIFY: the organiser's check (after CONFIRM when it was pending). */
    @Query(
            "UPDATE signature SET status = :status, trust = :trust, verified_by = :verifiedBy,"
                    + " verified_at = :verifiedAt, verification_method = :method,"
                    + " verification_note = :note, confirmed_at = :confirmedAt,"
                    + " updated_at = :updatedAt WHERE id = :id")
    void updateVerified(
            Long id,
            SignatureStatus status,
            @Nullable Trust trust,
            @Nullable String verifiedBy,
            @Nullable @Utc Instant verifiedAt,
            @Nullable VerificationMethod method,
            @Nullable String note,
            @Nullable @Utc Instant confirmedAt,
            @Utc Instant updatedAt);

    /** WITHDRAW and ANONYMISE: the personal data go; place, office, trust and consent stay. */
    @Query(
            "UPDATE signature SET status = :status, email = :email, email_key = :emailKey,"
                    + " name = :name, role_other = :roleOther, body = :body,"
                    + " public_name = :publicName, outcome_mails = :outcomeMails,"
                    + " ip_hash = :ipHash, confirm_token_hash = :confirmTokenHash,"
                    + " confirm_expires_at = :confirmExpiresAt, verification_note = :note,"
                    + " withdrawn_at = :withdrawnAt, updated_at = :updatedAt WHERE id = :id")
    void updateErased(
            Long id,
            SignatureStatus status,
            @Nullable String email,
            @Nullable String emailKey,
            @Nullable String name,
            @Nullable String roleOther,
            @Nullable String body,
            boolean publicName,
            boolean outcomeMails,
            @Nullable String ipHash,
            @Nullable String confirmTokenHash,
            @Nullable @Utc Instant confirmExpiresAt,
            @Nullable String note,
            @Nullable @Utc Instant withdrawnAt,
            @Utc Instant updatedAt);

    /** Writes a next state that differs in its status alone. */
    default Signature storeStatus(Signature next) {
        updateStatus(next.id(), next.status(), next.updatedAt());
        return next;
    }

    /** Writes a next state that differs in its status and confirmation link. */
    default Signature storeLinks(Signature next) {
        Signature.Links l = next.links();
        updateLinks(
                next.id(),
                next.status(),
                l.confirmTokenHash(),
                l.confirmExpiresAt(),
                l.mailsSent(),
                next.updatedAt());
        return next;
    }

    /** Writes a confirmed next state. */
    default Signature storeConfirmed(Signature next) {
        updateConfirmed(
                next.id(),
                next.status(),
                next.verification().trust(),
                next.verification().trustFlag(),
                next.links().withdrawTokenHash(),
                next.links().mailsSent(),
                next.times().confirmedAt(),
                next.updatedAt());
        return next;
    }

    /** Writes a verified next state. */
    default Signature storeVerified(Signature next) {
        Signature.Verification v = next.verification();
        updateVerified(
                next.id(),
                next.status(),
                v.trust(),
                v.verifiedBy(),
                v.verifiedAt(),
                v.method(),
                v.note(),
                next.times().confirmedAt(),
                next.updatedAt());
        return next;
    }

    /** Writes a withdrawn or anonymised next state. */
    default Signature storeErased(Signature next) {
        Signature.Signer s = next.signer();
        updateErased(
                next.id(),
                next.status(),
                s.email(),
                s.emailKey(),
                s.name(),
                s.roleOther(),
                s.body(),
                s.publicName(),
                s.outcomeMails(),
                s.ipHash(),
                next.links().confirmTokenHash(),
                next.links().confirmExpiresAt(),
                next.verification().note(),
                next.times().withdrawnAt(),
                next.updatedAt());
        return next;
    }
}
