package de.mitzeichnen.municipality;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Set;

/**
 * A Landkreis or its equivalent (Kreis, Region Hannover, Städteregion Aachen, Regionalverband
 * Saarbrücken) that officials sign for. Kreisfreie Städte and Stadtkreise are not districts here:
 * they sign as municipalities.
 *
 * @param key the 5-digit Kreisschlüssel, e.g. "06631"
 * @param name the official name, e.g. "Fulda"
 * @param displayName the name as people say it, e.g. "Landkreis Fulda", "Märkischer Kreis", "Kreis
 *     Unna"
 * @param typeLabel "Landkreis", "Kreis" or "Regionalverband"
 * @param population all residents of its municipalities (the Destatis figure)
 * @param municipalityAgs the AGS of its active municipalities
 */
@Serdeable
public record District(
        String key,
        String name,
        String displayName,
        String typeCode,
        String typeLabel,
        String landCode,
        String landName,
        int population,
        boolean active,
        List<String> municipalityAgs) {

    /**
     * GV100AD Textkennzeichen of the Kreise that sign: 43 Kreis, 44 Landkreis, 45 Regionalverband.
     */
    static final Set<String> SIGNING_TYPES = Set.of("43", "44", "45");
}
