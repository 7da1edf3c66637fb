package de.mitzeichnen.security;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * A person who signs in to the console. The e-mail address is stored in lower case. {@code
 * sessionEpoch} is raised when the password changes, which ends every session issued before.
 */
@MappedEntity("account")
public record Account(
        @Id @GeneratedValue @Nullable Long id,
        String email,
        String displayName,
        String passwordHash,
        AccountRole role,
        @Nullable Long organiserId,
        boolean enabled,
        int sessionEpoch,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Utc @Nullable Instant lastLoginAt,
        @Version @Nullable Long version) {

    public boolean isPlatformAdmin() {
        return role == AccountRole.PLATFORM_ADMIN;
    }

    public Account withPassword(String newHash, Instant now) {
        return new Account(
                id,
                email,
                displayName,
                newHash,
                role,
                organiserId,
                enabled,
                sessionEpoch + 1,
                createdAt,
                now,
                lastLoginAt,
                version);
    }

    /** E-mail addresses are compared without case and surrounding blanks. */
    public static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
