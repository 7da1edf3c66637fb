package de.mitzeichnen.municipality;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * A German municipality (Gemeinde) from the official register.
 *
 * @param ags Amtlicher Gemeindeschlüssel, 8 digits
 * @param ars Amtlicher Regionalschlüssel, 12 digits
 * @param name the official name, e.g. "Flensburg, Stadt"
 * @param displayName the name without its suffix, e.g. "Flensburg"
 * @param typeCode the GV100AD Textkennzeichen (60 Markt, 61 Kreisfreie Stadt, 62 Stadtkreis, 63
 *     Stadt, 64 Gemeinde, 67 Große Kreisstadt)
 * @param typeLabel the German label of the type
 * @param kreisName the Kreis as people say it: "Kreis Dithmarschen", "Landkreis Göttingen",
 *     "Flensburg"
 * @param verbandName the official name of the Gemeindeverband (Amt, Verbandsgemeinde …), if any
 * @param gebietsstand the Gebietsstand of the latest register that contained it unchanged or
 *     changed
 * @param active false when a newer register no longer contains it (merged); see {@link
 *     MunicipalityRegister#findByAgs(String)}
 */
@Serdeable
public record Municipality(
        String ags,
        String ars,
        String name,
        String displayName,
        String typeCode,
        String typeLabel,
        String landCode,
        String landName,
        String kreisAgs,
        String kreisName,
        @Nullable String verbandName,
        int population,
        @Nullable String postalCode,
        LocalDate gebietsstand,
        boolean active,
        @Nullable Double lat,
        @Nullable Double lon) {}
