package de.mitzeichnen.organiser;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** An organisation that publishes appeals. {@code municipalityAgs} is set when it is a municipality or Kreis. */
@MappedEntity("organiser")
public record Organiser(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        OrganiserKind kind,
        @Nullable String municipalityAgs,
        String contactEmail,
        @Nullable String website,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version) {
}
