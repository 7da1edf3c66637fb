package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByEmail(String email);

    List<Account> listOrderByEmail();

    /** Only this column: a login must not collide with an admin editing the account. */
    void updateLastLoginAt(@Id Long id, @Utc Instant lastLoginAt);
}
