package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An open console session: {@code id} is the SHA-256 of the session id in the token. The row going
 * away ends the session.
 */
@MappedEntity("console_session")
public record ConsoleSession(
        @Id String id,
        Long accountId,
        @Utc Instant createdAt,
        @Utc Instant lastSeenAt,
        @Nullable String ipHash,
        @Nullable String userAgent) {}
