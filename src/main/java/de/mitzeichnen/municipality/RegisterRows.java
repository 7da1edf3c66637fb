package de.mitzeichnen.municipality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Rows of the register tables as the import compares and writes them. */
final class RegisterRows {

    private RegisterRows() {}

    record LandRow(String code, String name, String seat, int population, LocalDate gebietsstand) {
        boolean sameContent(LandRow o) {
            return name.equals(o.name)
                    && Objects.equals(seat, o.seat)
                    && population == o.population;
        }
    }

    record KreisRow(
            String ags,
            String name,
            String displayName,
            String typeCode,
            String typeLabel,
            String landCode,
            String seat,
            int population,
            LocalDate gebietsstand,
            boolean active,
            LocalDate retiredGebietsstand) {
        boolean sameContent(KreisRow o) {
            return name.equals(o.name)
                    && displayName.equals(o.displayName)
                    && typeCode.equals(o.typeCode)
                    && typeLabel.equals(o.typeLabel)
                    && landCode.equals(o.landCode)
                    && Objects.equals(seat, o.seat)
                    && population == o.population;
        }
    }

    record VerbandRow(
            String ars,
            String name,
            String typeCode,
            String typeLabel,
            String landCode,
            String kreisAgs,
            LocalDate gebietsstand,
            boolean active,
            LocalDate retiredGebietsstand) {
        boolean sameContent(VerbandRow o) {
            return name.equals(o.name)
                    && typeCode.equals(o.typeCode)
                    && typeLabel.equals(o.typeLabel)
                    && landCode.equals(o.landCode)
                    && kreisAgs.equals(o.kreisAgs);
        }
    }

    record MunicipalityRow(
            String ags,
            String ars,
            String name,
            String displayName,
            String typeCode,
            String typeLabel,
            String landCode,
            String kreisAgs,
            String verbandArs,
            String verbandName,
            int population,
            String postalCode,
            BigDecimal areaKm2,
            LocalDate gebietsstand,
            boolean active,
            LocalDate retiredGebietsstand,
            Double lat,
            Double lon,
            String searchKey) {
        /** Everything the file says about the municipality; the Gebietsstand alone is no change. */
        boolean sameContent(MunicipalityRow o) {
            return ars.equals(o.ars)
                    && name.equals(o.name)
                    && displayName.equals(o.displayName)
                    && typeCode.equals(o.typeCode)
                    && typeLabel.equals(o.typeLabel)
                    && landCode.equals(o.landCode)
                    && kreisAgs.equals(o.kreisAgs)
                    && Objects.equals(verbandArs, o.verbandArs)
                    && Objects.equals(verbandName, o.verbandName)
                    && population == o.population
                    && Objects.equals(postalCode, o.postalCode)
                    && sameDecimal(areaKm2, o.areaKm2)
                    && Objects.equals(lat, o.lat)
                    && Objects.equals(lon, o.lon)
                    && searchKey.equals(o.searchKey);
        }

        private static boolean sameDecimal(BigDecimal a, BigDecimal b) {
            return a == null ? b == null : b != null && a.compareTo(b) == 0;
        }
    }
}
