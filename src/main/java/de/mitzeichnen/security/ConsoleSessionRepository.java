package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ConsoleSessionRepository extends CrudRepository<ConsoleSession, String> {

    List<ConsoleSession>
            findByAccountIdAndLastSeenAtGreaterThanAndCreatedAtGreaterThanOrderByCreatedAtDesc(
                    Long accountId, @Utc Instant seenSince, @Utc Instant createdSince);

    void updateLastSeenAt(@Id String id, @Utc Instant lastSeenAt);

    int deleteByAccountId(Long accountId);

    int deleteByIdAndAccountId(String id, Long accountId);

    // Parameters named like a property are written through that property's @Utc converter.
    /** Sessions past their idle timeout or maximum age. */
    @Query(
            "DELETE FROM console_session WHERE last_seen_at < :lastSeenAt OR created_at < :createdAt")
    int deleteEnded(Instant lastSeenAt, Instant createdAt);
}
