package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface LoginFailureRepository extends CrudRepository<LoginFailure, Long> {

    long countByEmailHashAndAtGreaterThan(String emailHash, @Utc Instant since);

    long countByIpHashAndAtGreaterThan(String ipHash, @Utc Instant since);

    long countByEmailHashAndIpHashAndAtGreaterThan(
            String emailHash, String ipHash, @Utc Instant since);

    Optional<LoginFailure> findFirstByEmailHashAndIpHashOrderByAtDesc(
            String emailHash, String ipHash);

    Optional<LoginFailure> findFirstByIpHashOrderByAtDesc(String ipHash);

    void deleteByEmailHashAndIpHash(String emailHash, String ipHash);

    void deleteByEmailHash(String emailHash);

    void deleteByAtLessThan(@Utc Instant before);
}
