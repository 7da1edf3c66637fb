package de.mitzeichnen.municipality;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A mail domain registered for a municipality. A municipality may have several, and one domain may
 * serve several municipalities (an Amt or Verwaltungsgemeinschaft answering for its member
 * villages).
 *
 * @param domain lower case; internationalised names in ASCII (punycode) form
 * @param source where it came from: "csv-import", "console", …
 * @param verified whether a person confirmed that the domain is the municipality's own
 */
@MappedEntity("municipality_domain")
public record MunicipalityDomain(
        @Id @GeneratedValue @Nullable Long id,
        String ags,
        String domain,
        String source,
        boolean verified,
        @Utc Instant createdAt) {}
