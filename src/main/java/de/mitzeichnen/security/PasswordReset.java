package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A mailed password-reset link: only the SHA-256 of its token is stored; usable once, until it
 * expires.
 */
@MappedEntity("password_reset")
record PasswordReset(
        @Id @GeneratedValue @Nullable Long id,
        Long accountId,
        String tokenHash,
        @Utc Instant createdAt,
        @Utc Instant expiresAt,
        @Utc @Nullable Instant usedAt) {}
