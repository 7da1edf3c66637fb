package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The parser against the shipped file, and against an independently parsed CSV of the same file
 * (the columns the comparison needs, in src/test/resources/reference/municipalities; Destatis data,
 * dl-de/by-2-0 like the register).
 */
class Gv100adParserTest {

    static final String REFERENCE = "/reference/municipalities/";

    static List<CSVRecord> csv(String name) throws IOException {
        InputStream in = Gv100adParserTest.class.getResourceAsStream(REFERENCE + name);
        if (in == null) {
            in =
                    new GZIPInputStream(
                            Gv100adParserTest.class.getResourceAsStream(REFERENCE + name + ".gz"));
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r)
                    .getRecords();
        }
    }

    @Test
    void theShippedFileParsesWithoutErrorsIntoAllLevels() {
        Gv100adFile file =
                Gv100adParser.parse(Gv100adLines.shippedText().getBytes(StandardCharsets.UTF_8));
        ShippedRegister shipped = ShippedRegister.read();
        assertEquals(List.of(), file.errors());
        assertEquals(shipped.gebietsstand(), file.gebietsstand());
        assertEquals(16, file.laender().size());
        assertEquals(shipped.laender(), file.laender().size());
        assertEquals(shipped.kreise(), file.kreise().size());
        assertEquals(shipped.verbaende(), file.verbaende().size());
        assertEquals(shipped.gemeinden(), file.gemeinden().size());
        assertEquals(
                shipped.unincorporated(),
                file.gemeinden().stream().filter(Gv100adFile.Gemeinde::unincorporated).count());
        assertEquals(
                shipped.population(),
                file.gemeinden().stream().mapToLong(Gv100adFile.Gemeinde::population).sum());
    }

    @Test
    void everyGemeindeMatchesTheReferenceCsv() throws IOException {
        Gv100adFile file =
                Gv100adParser.parse(Gv100adLines.shippedText().getBytes(StandardCharsets.UTF_8));
        Map<String, Gv100adFile.Gemeinde> parsed =
                file.gemeinden().stream()
                        .collect(Collectors.toMap(Gv100adFile.Gemeinde::ags, Function.identity()));
        Map<String, String> verbandNames =
                file.verbaende().stream()
                        .collect(
                                Collectors.toMap(
                                        Gv100adFile.Verband::ars, Gv100adFile.Verband::name));
        List<CSVRecord> expected = csv("gemeinden.csv");
        assertEquals(ShippedRegister.read().gemeinden(), expected.size());
        assertEquals(expected.size(), parsed.size());
        for (CSVRecord e : expected) {
            Gv100adFile.Gemeinde g = parsed.get(e.get("ags"));
            String ctx = e.get("ags") + " " + e.get("name");
            assertEquals(e.get("ars"), g.ars(), ctx);
            assertEquals(e.get("name"), g.name(), ctx);
            assertEquals(e.get("typ_code"), g.typeCode(), ctx);
            assertEquals(e.get("land_code"), g.landCode(), ctx);
            assertEquals(e.get("kreis_ags"), g.kreisAgs(), ctx);
            assertEquals(e.get("verband_ars"), g.verbandArs(), ctx);
            assertEquals(e.get("verband"), verbandNames.get(g.verbandArs()), ctx);
            assertEquals(Integer.parseInt(e.get("einwohner")), g.population(), ctx);
            assertEquals(
                    new BigDecimal(e.get("flaeche_km2")),
                    BigDecimal.valueOf(g.areaHectares(), 2),
                    ctx);
            assertEquals(
                    e.get("plz_sitz").isEmpty() ? null : e.get("plz_sitz"), g.postalCode(), ctx);
        }
        Map<String, Gv100adFile.Kreis> kreise =
                file.kreise().stream()
                        .collect(Collectors.toMap(Gv100adFile.Kreis::ags, Function.identity()));
        for (CSVRecord e : csv("kreise.csv")) {
            Gv100adFile.Kreis k = kreise.get(e.get("ags"));
            assertEquals(e.get("name"), k.name());
            assertEquals(e.get("typ_code"), k.typeCode());
            assertEquals(e.get("typ"), Gv100adParser.KREIS_TYPES.get(k.typeCode()));
            assertEquals(e.get("sitz"), k.seat());
        }
        Map<String, Gv100adFile.Land> laender =
                file.laender().stream()
                        .collect(Collectors.toMap(Gv100adFile.Land::code, Function.identity()));
        for (CSVRecord e : csv("laender.csv")) {
            assertEquals(e.get("name"), laender.get(e.get("ags")).name());
            assertEquals(e.get("sitz"), laender.get(e.get("ags")).seat());
        }
    }

    @Test
    void displayNamesDropTheSuffix() {
        assertEquals("Flensburg", Gv100adParser.displayName("Flensburg, Stadt"));
        assertEquals("Kiel", Gv100adParser.displayName("Kiel, Landeshauptstadt"));
        assertEquals("Lübeck", Gv100adParser.displayName("Lübeck, Hansestadt"));
        assertEquals("Altötting", Gv100adParser.displayName("Altötting, St"));
        assertEquals("Prien a.Chiemsee", Gv100adParser.displayName("Prien a.Chiemsee, M"));
        assertEquals("Neuburg a.d.Donau", Gv100adParser.displayName("Neuburg a.d.Donau, GKSt"));
        assertEquals(
                "Mettmann",
                Gv100adParser.displayName("Mettmann, Fundort des Neanderthalers, Stadt"));
        assertEquals("Frankfurt (Oder)", Gv100adParser.displayName("Frankfurt (Oder), Stadt"));
        assertEquals("Hamburg", Gv100adParser.displayName("Hamburg, Freie und Hansestadt"));
        assertEquals("Aach", Gv100adParser.displayName("Aach"));
        assertEquals("Kreis Dithmarschen", Gv100adParser.kreisDisplayName("Dithmarschen", "43"));
        assertEquals("Landkreis München", Gv100adParser.kreisDisplayName("München", "44"));
        assertEquals("Region Hannover", Gv100adParser.kreisDisplayName("Region Hannover", "44"));
        assertEquals("Rhein-Sieg-Kreis", Gv100adParser.kreisDisplayName("Rhein-Sieg-Kreis", "44"));
        assertEquals("München", Gv100adParser.kreisDisplayName("München, Landeshauptstadt", "41"));
    }

    @Test
    void problemsNameTheirLine() {
        Gv100adLines file =
                new Gv100adLines("20250101")
                        .land("98", "Probeland", "Probestadt")
                        .kreis("98001", "Probekreis", "Probestadt", "44")
                        .verband("98001", "0001", "Amt Probe", "51")
                        .gemeinde("98001001", "0001", "Probedorf", "64", 1000, 500, "99999")
                        .raw("60202501019800100200011234") // line 5: cut short
                        .raw("99" + " ".repeat(50)) // line 6: record type
                        .raw(
                                "60"
                                        + "2025-1-1"
                                        + "98001003"
                                        + "0001"
                                        + " ".repeat(100)) // line 7: date
                        .gemeinde(
                                "98001001",
                                "0001",
                                "Doppelt",
                                "64",
                                1,
                                1,
                                "99999"); // line 8: duplicate
        Gv100adFile parsed = Gv100adParser.parse(file.text().getBytes(StandardCharsets.UTF_8));
        assertFalse(parsed.ok());
        List<Integer> lines = parsed.errors().stream().map(LineError::line).toList();
        assertEquals(List.of(5, 6, 7, 8), lines, parsed.errors().toString());
        assertEquals("municipality.import.error.typeCode", parsed.errors().get(0).messageKey());
        assertEquals("municipality.import.error.recordType", parsed.errors().get(1).messageKey());
        assertEquals("municipality.import.error.date", parsed.errors().get(2).messageKey());
        assertEquals(List.of("8", "98001001", "4"), parsed.errors().get(3).args());
    }

    @Test
    void aMunicipalityWithoutItsKreisRecordIsAnError() {
        Gv100adLines file =
                new Gv100adLines("20250101")
                        .land("98", "Probeland", "Probestadt")
                        .verband("98002", "0001", "Amt Probe", "51")
                        .gemeinde("98002001", "0001", "Probedorf", "64", 1000, 500, "99999");
        Gv100adFile parsed = Gv100adParser.parse(file.text().getBytes(StandardCharsets.UTF_8));
        assertEquals(1, parsed.errors().size());
        assertEquals(3, parsed.errors().get(0).line());
        assertEquals("municipality.import.error.noKreis", parsed.errors().get(0).messageKey());
    }

    @Test
    void windows1252FilesAreReadToo() {
        Gv100adLines file =
                new Gv100adLines("20250101")
                        .land("98", "Probeland", "Probestadt")
                        .kreis("98001", "Probekreis", "Probestadt", "44")
                        .verband("98001", "0001", "Amt Probe", "51")
                        .gemeinde("98001001", "0001", "Großölbach", "64", 1000, 500, "99999");
        Gv100adFile parsed =
                Gv100adParser.parse(file.text().getBytes(Charset.forName("windows-1252")));
        assertTrue(parsed.ok(), parsed.errors().toString());
        assertEquals("Großölbach", parsed.gemeinden().get(0).name());
    }
}
