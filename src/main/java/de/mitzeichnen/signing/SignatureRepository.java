package de.mitzeichnen.signing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

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
        return findOfAddress(appealId, emailKey).isEmpty()
                ? Optional.empty()
                : lockOfAddress(appealId, emailKey);
    }

    @Query("SELECT * FROM signature WHERE appeal_id = :appealId AND email_key = :emailKey")
    Optional<Signature> findOfAddress(Long appealId, String emailKey);

    @Query(
            "SELECT * FROM signature WHERE appeal_id = :appealId AND email_key = :emailKey FOR UPDATE")
    Optional<Signature> lockOfAddress(Long appealId, String emailKey);

    @Query("SELECT * FROM signature WHERE confirm_token_hash = :hash FOR UPDATE")
    Optional<Signature> findByConfirmTokenForUpdate(String hash);

    Optional<Signature> findByConfirmTokenHash(String confirmTokenHash);

    @Query("SELECT * FROM signature WHERE withdraw_token_hash = :hash FOR UPDATE")
    Optional<Signature> findByWithdrawTokenForUpdate(String hash);

    Optional<Signature> findByWithdrawTokenHash(String withdrawTokenHash);

    @Query("SELECT * FROM signature WHERE id = :id AND appeal_id = :appealId FOR UPDATE")
    Optional<Signature> findInAppealForUpdate(Long appealId, Long id);
}
