package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One failed login; e-mail address and client address only as keyed hashes. */
@MappedEntity("login_failure")
record LoginFailure(
        @Id @GeneratedValue @Nullable Long id, @Utc Instant at, String emailHash, String ipHash) {}
