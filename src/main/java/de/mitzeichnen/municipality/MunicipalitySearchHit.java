package de.mitzeichnen.municipality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One result of {@code GET /api/v1/municipalities}: a German municipality ({@code ags} with type,
 * Land, Kreis and population), a Landkreis ({@code ags} is its 5-digit key, {@code type}
 * "Landkreis"/"Kreis", no {@code district}) or a foreign one ({@code country} and {@code id}
 * instead).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "MunicipalitySearchHit",
        description =
                "A German municipality (ags, type, state, district, population), a Landkreis (5-digit ags,"
                        + " no district) or a place abroad (country and id instead)")
public record MunicipalitySearchHit(
        @Schema(description = "official key: 8 digits, 5 for a Landkreis", example = "06412000")
                @Nullable
                String ags,
        @Schema(description = "ISO 3166-1 code of a place abroad", example = "CH") @Nullable
                String country,
        @Schema(description = "the id of a place abroad", example = "17") @Nullable Long id,
        @Schema(example = "Frankfurt am Main") String name,
        @Schema(example = "Kreisfreie Stadt") @Nullable String type,
        @Schema(example = "Hessen") @Nullable String state,
        @Schema(example = "Frankfurt am Main") @Nullable String district,
        @Schema(example = "775790") @Nullable Integer population) {

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
