package de.mitzeichnen.signing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface SignatureRepository extends CrudRepository<Signature, Long> {

    /** Locks the signature of an address under an appeal, so that concurrent submissions queue up. */
    @Query("SELECT * FROM signature WHERE appeal_id = :appealId AND email_key = :emailKey FOR UPDATE")
    Optional<Signature> findForUpdate(Long appealId, String emailKey);

    @Query("SELECT * FROM signature WHERE confirm_token_hash = :hash FOR UPDATE")
    Optional<Signature> findByConfirmTokenForUpdate(String hash);

    Optional<Signature> findByConfirmTokenHash(String confirmTokenHash);

    @Query("SELECT * FROM signature WHERE withdraw_token_hash = :hash FOR UPDATE")
    Optional<Signature> findByWithdrawTokenForUpdate(String hash);

    Optional<Signature> findByWithdrawTokenHash(String withdrawTokenHash);

    /** The Landkreis a signature is for (its 5-digit key), set apart from the municipality columns. */
    @Query("UPDATE signature SET district_ags = :districtAgs WHERE id = :id")
    void updateDistrictAgs(Long id, @Nullable String districtAgs);

    @Query("SELECT district_ags FROM signature WHERE id = :id")
    Optional<String> findDistrictAgs(Long id);
}
