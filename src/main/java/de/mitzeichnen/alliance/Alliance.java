package de.mitzeichnen.alliance;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * A standing coalition of municipalities that one organisation runs („Städte Sicherer Häfen"): its
 * name, a short plain-text description, a contact, and whether it has a public page. Its members
 * are {@link Member}s.
 */
@MappedEntity("alliance")
public record Alliance(
        @Id @GeneratedValue @Nullable Long id,
        Long organiserId,
        String slug,
        String name,
        String description,
        @Nullable String contactName,
        String contactEmail,
        boolean publicPage,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version) {

    /** The description's paragraphs (separated by blank lines), for the page. */
    public java.util.List<String> paragraphs() {
        return java.util.Arrays.stream(description.strip().split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }
}
