package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
interface SessionRevocationRepository extends CrudRepository<SessionRevocation, String> {

    void deleteByExpiresAtLessThan(@Utc Instant now);
}
