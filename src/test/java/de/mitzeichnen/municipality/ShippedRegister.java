package de.mitzeichnen.municipality;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The figures of the shipped GV100AD file, read straight from its fixed-width records (record type
 * in columns 1–2, Gebietsstand in 3–10, Gemeinde type in 123–124, population in 140–150), so the
 * register tests follow a yearly register update instead of pinning one year's numbers.
 */
record ShippedRegister(
        LocalDate gebietsstand,
        int laender,
        int kreise,
        int verbaende,
        int gemeinden,
        int unincorporated,
        long population,
        long municipalitiesPopulation) {

    static ShippedRegister read() {
        List<String> lines =
                Gv100adLines.shippedText().lines().filter(l -> l.length() > 10).toList();
        int laender = 0;
        int kreise = 0;
        int verbaende = 0;
        int gemeinden = 0;
        int unincorporated = 0;
        long population = 0;
        long municipalitiesPopulation = 0;
        for (String line : lines) {
            switch (line.substring(0, 2)) {
                case "10" -> laender++;
                case "40" -> kreise++;
                case "50" -> verbaende++;
                case "60" -> {
                    gemeinden++;
                    long people = Long.parseLong(line.substring(139, 150).trim());
                    population += people;
                    String type = line.substring(122, 124);
                    if (type.equals("65") || type.equals("66")) {
                        unincorporated++;
                    } else {
                        municipalitiesPopulation += people;
                    }
                }
                default -> {}
            }
        }
        LocalDate stand =
                LocalDate.parse(lines.get(0).substring(2, 10), DateTimeFormatter.BASIC_ISO_DATE);
        return new ShippedRegister(
                stand,
                laender,
                kreise,
                verbaende,
                gemeinden,
                unincorporated,
                population,
                municipalitiesPopulation);
    }

    /** Gemeinden that are municipalities (without the unincorporated areas, type 65/66). */
    int municipalities() {
        return gemeinden - unincorporated;
    }

    /** The population the file gives a municipality (its 8-digit AGS in columns 11–18). */
    static int population(String ags) {
        return Gv100adLines.shippedText()
                .lines()
                .filter(l -> l.startsWith("60") && l.length() > 150 && l.startsWith(ags, 10))
                .mapToInt(l -> Integer.parseInt(l.substring(139, 150).trim()))
                .findFirst()
                .orElseThrow();
    }
}
