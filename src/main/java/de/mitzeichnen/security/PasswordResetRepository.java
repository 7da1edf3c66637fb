package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface PasswordResetRepository extends CrudRepository<PasswordReset, Long> {

    Optional<PasswordReset> findByTokenHash(String tokenHash);

    boolean existsByAccountIdAndCreatedAtGreaterThanAndUsedAtIsNull(
            Long accountId, @Utc Instant since);

    // Parameters named like a property (usedAt) are written through that property's @Utc converter.

    /**
     * Marks the link used if nobody used it before; 1 when this call did, 0 when it was used
     * already.
     */
    @Query("UPDATE password_reset SET used_at = :usedAt WHERE id = :id AND used_at IS NULL")
    int markUsed(Long id, Instant usedAt);

    /** Ends all other open links of the account once its password has been reset. */
    @Query(
            "UPDATE password_reset SET used_at = :usedAt WHERE account_id = :accountId AND used_at IS NULL")
    int markAllUsed(Long accountId, Instant usedAt);
}
