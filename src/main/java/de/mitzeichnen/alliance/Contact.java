package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A contact person of an alliance member: whom the alliance writes to in that town hall or Kreis
 * (Oberbürgermeisterin, Sozialreferent, the members of a Bezirksausschuss). Personal data: erased
 * on request and after {@code mitzeichnen.retention.contacts} without use ({@code lastUsedAt}).
 *
 * @param place the member's place (contacts belong to the place, not to one membership)
 * @param emailKey the normalised address ({@code EmailAddress.key}), unique per alliance
 */
public record Contact(
        long id,
        long allianceId,
        MemberPlace place,
        String name,
        SignerRole role,
        String email,
        String emailKey,
        @Nullable String body,
        @Nullable String note,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
