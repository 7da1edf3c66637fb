package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;

/** One official's signature for one municipality under one appeal. */
@MappedEntity("signature")
public record Signature(
        @Id @GeneratedValue @Nullable Long id,
        Long appealId,
        SignatureStatus status,
        @Nullable String email,
        @Nullable String emailKey,
        @Nullable String name,
        SignerRole role,
        @Nullable String roleOther,
        @Nullable String body,
        @Nullable String municipalityAgs,
        @Nullable LocalDate gebietsstand,
        @Nullable Long foreignMunicipalityId,
        boolean publicName,
        String privacyVersion,
        @Utc Instant privacyConsentAt,
        String language,
        String appealTextHash,
        @Nullable String ipHash,
        @Nullable Trust trust,
        @Nullable TrustFlag trustFlag,
        @Nullable String confirmTokenHash,
        @Nullable @Utc Instant confirmExpiresAt,
        @Nullable String withdrawTokenHash,
        int mailsSent,
        @Utc Instant submittedAt,
        @Nullable @Utc Instant confirmedAt,
        @Nullable @Utc Instant withdrawnAt,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version) {
}
