package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A session ended by logout; kept until the session would have ended anyway. */
@MappedEntity("session_revocation")
record SessionRevocation(@Id String sessionHash, @Utc Instant expiresAt) {}
