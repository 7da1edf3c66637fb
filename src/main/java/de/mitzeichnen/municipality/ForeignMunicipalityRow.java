package de.mitzeichnen.municipality;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("foreign_municipality")
record ForeignMunicipalityRow(
        @Id @GeneratedValue @Nullable Long id,
        String country,
        String name,
        String normalizedName,
        @Utc Instant createdAt,
        boolean listed) {

    ForeignMunicipality toPublic() {
        return new ForeignMunicipality(id, country, name);
    }
}
