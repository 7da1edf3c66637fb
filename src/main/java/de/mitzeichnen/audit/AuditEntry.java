package de.mitzeichnen.audit;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One line of the audit log. {@code details} is a JSON object. */
@MappedEntity("audit_entry")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        @Utc Instant at,
        @Nullable Long accountId,
        String actorEmail,
        String action,
        @Nullable Long organiserId,
        @Nullable Long appealId,
        @Nullable String details,
        @Nullable String ipHash) {}
