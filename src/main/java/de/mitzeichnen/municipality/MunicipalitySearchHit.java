package de.mitzeichnen.municipality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One result of {@code GET /api/v1/municipalities}: a German municipality ({@code ags} with type,
 * Land, Kreis and population), a Landkreis ({@code ags} is its 5-digit key, {@code type}
 * "Landkreis"/"Kreis", no {@code district}) or a foreign one ({@code country} and {@code id}
 * instead).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MunicipalitySearchHit(
        @Nullable String ags,
        @Nullable String country,
        @Nullable Long id,
        String name,
        @Nullable String type,
        @Nullable String state,
        @Nullable String district,
        @Nullable Integer population) {

    static MunicipalitySearchHit of(Municipality m) {
        return new MunicipalitySearchHit(
                m.ags(),
                null,
                null,
                m.displayName(),
                m.typeLabel(),
                m.landName(),
                m.kreisName(),
                m.population());
    }

    /**
     * A district: its 5-digit key as {@code ags}, its type ("Landkreis", "Kreis"), no {@code
     * district}.
     */
    static MunicipalitySearchHit of(District d) {
        return new MunicipalitySearchHit(
                d.key(),
                null,
                null,
                d.displayName(),
                d.typeLabel(),
                d.landName(),
                null,
                d.population());
    }

    static MunicipalitySearchHit of(ForeignMunicipality f) {
        return new MunicipalitySearchHit(
                null, f.country(), f.id(), f.name(), null, null, null, null);
    }
}
