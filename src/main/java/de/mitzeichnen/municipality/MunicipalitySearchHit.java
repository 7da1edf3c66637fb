package de.mitzeichnen.municipality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One result of {@code GET /api/v1/municipalities}: a German municipality ({@code ags} with type, Land, Kreis and
 * population) or a foreign one ({@code country} and {@code id} instead).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MunicipalitySearchHit(@Nullable String ags, @Nullable String country, @Nullable Long id, String name,
                                    @Nullable String type, @Nullable String state, @Nullable String district,
                                    @Nullable Integer population) {

    static MunicipalitySearchHit of(Municipality m) {
        return new MunicipalitySearchHit(m.ags(), null, null, m.displayName(), m.typeLabel(), m.landName(),
                m.kreisName(), m.population());
    }

    static MunicipalitySearchHit of(ForeignMunicipality f) {
        return new MunicipalitySearchHit(null, f.country(), f.id(), f.name(), null, null, null, null);
    }
}
