package de.mitzeichnen.municipality;

import java.time.LocalDate;
import java.util.List;

/**
 * The content of a GV100AD file, checked field by field: what {@link Gv100adParser} hands to the
 * import.
 */
record Gv100adFile(
        LocalDate gebietsstand,
        List<Land> laender,
        List<Kreis> kreise,
        List<Verband> verbaende,
        List<Gemeinde> gemeinden,
        List<LineError> errors,
        int errorCount) {

    record Land(String code, String name, String seat, LocalDate gebietsstand) {}

    record Kreis(String ags, String name, String seat, String typeCode, LocalDate gebietsstand) {}

    record Verband(String ars, String name, String typeCode, LocalDate gebietsstand) {}

    /**
     * A Satzart-60 record; the unincorporated areas (65/66) are among them and only counted for
     * totals.
     */
    record Gemeinde(
            int line,
            String ags,
            String ars,
            String name,
            String typeCode,
            LocalDate gebietsstand,
            long areaHectares,
            int population,
            String postalCode) {

        String landCode() {
            return ags.substring(0, 2);
        }

        String kreisAgs() {
            return ags.substring(0, 5);
        }

        String verbandArs() {
            return ars.substring(0, 9);
        }

        boolean unincorporated() {
            return Gv100adParser.UNINCORPORATED.contains(typeCode);
        }
    }

    boolean ok() {
        return errors.isEmpty();
    }
}
