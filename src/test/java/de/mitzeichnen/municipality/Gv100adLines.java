package de.mitzeichnen.municipality;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds GV100AD files in the real fixed-width record format (positions as in the
 * Datensatzbeschreibung).
 */
final class Gv100adLines {

    private final String stand;
    private final List<String> lines = new ArrayList<>();

    Gv100adLines(String standYyyyMmDd) {
        this.stand = standYyyyMmDd;
    }

    Gv100adLines land(String code, String name, String seat) {
        lines.add(record("10" + stand + code + " ".repeat(10) + col(name, 50) + col(seat, 50)));
        return this;
    }

    Gv100adLines kreis(String ags5, String name, String seat, String type) {
        lines.add(
                record("40" + stand + ags5 + " ".repeat(7) + col(name, 50) + col(seat, 50) + type));
        return this;
    }

    Gv100adLines verband(String ags5, String verband4, String name, String type) {
        lines.add(
                record(
                        "50"
                                + stand
                                + ags5
                                + "   "
                                + verband4
                                + col(name, 50)
                                + col("", 50)
                                + type));
        return this;
    }

    Gv100adLines gemeinde(
            String ags8,
            String verband4,
            String name,
            String type,
            long areaHa,
            int population,
            String postalCode) {
        lines.add(
                record(
                        "60"
                                + stand
                                + ags8
                                + verband4
                                + col(name, 50)
                                + col("", 50)
                                + type
                                + "    "
                                + num(areaHa)
                                + num(population)
                                + num(population / 2)
                                + "    "
                                + col(postalCode, 5)
                                + "*****"));
        return this;
    }

    Gv100adLines raw(String line) {
        lines.add(line);
        return this;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    InputStream stream() {
        return new ByteArrayInputStream(text().getBytes(StandardCharsets.UTF_8));
    }

    static String shippedText() {
        try (InputStream in = MunicipalityImport.resource(MunicipalityImport.SHIPPED_FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String record(String s) {
        return col(s, Gv100adParser.RECORD_LENGTH);
    }

    private static String col(String s, int width) {
        if (s.length() > width) {
            throw new IllegalArgumentException(s + " is longer than " + width);
        }
        return s + " ".repeat(width - s.length());
    }

    private static String num(long n) {
        return String.format("%011d", n);
    }
}
