package de.mitzeichnen.mail;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/** One row of the outbox: a complete mail and where its delivery stands. */
@MappedEntity("outbox_message")
record OutboxMessage(
        @Id @GeneratedValue @Nullable Long id,
        String recipient,
        String fromName,
        @Nullable String replyTo,
        String subject,
        String textBody,
        String htmlBody,
        String headers,
        String kind,
        OutboxStatus status,
        int attempts,
        @Utc Instant nextAttemptAt,
        @Nullable String lastError,
        @Utc Instant createdAt,
        @Utc @Nullable Instant sentAt,
        @Utc @Nullable Instant claimedAt,
        String messageId,
        @Version @Nullable Long version) {}
