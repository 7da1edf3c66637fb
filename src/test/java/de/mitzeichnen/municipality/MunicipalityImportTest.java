package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.Commands;
import de.mitzeichnen.testsupport.Db;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Imports of newer GV100AD files. The synthetic files use a made-up Land 97, so that retiring
 * "everything of the file's Länder that the file lacks" touches nothing else; the test that edits
 * the real register puts it back by importing the shipped file, which the import must bring back to
 * exactly the original state.
 */
@MicronautTest(transactional = false)
class MunicipalityImportTest {

    static final String LAND = "97";

    @Inject MunicipalityImport importer;
    @Inject MunicipalityRegister register;
    @Inject Db db;

    @AfterEach
    void removeTestLand() {
        db.update("DELETE FROM municipality WHERE land_code = ?", LAND);
        db.update("DELETE FROM gemeindeverband WHERE land_code = ?", LAND);
        db.update("DELETE FROM kreis WHERE land_code = ?", LAND);
        db.update("DELETE FROM land WHERE code = ?", LAND);
        db.update("DELETE FROM municipality_import WHERE source LIKE 'testland%'");
        register.reload();
    }

    static Gv100adLines testland(
            String stand, boolean withHattstedt, String seeName, int seePopulation) {
        Gv100adLines f =
                new Gv100adLines(stand)
                        .land(LAND, "Testland", "Teststadt")
                        .kreis("97001", "Teststadt, Stadt", "Teststadt", "41")
                        .verband("97001", "0000", "Teststadt, Stadt", "50")
                        .gemeinde(
                                "97001000",
                                "0000",
                                "Teststadt, Stadt",
                                "61",
                                12_345,
                                120_000,
                                "97001")
                        .kreis("97051", "Probe", "Probehausen", "43")
                        .verband("97051", "0051", "Amt Probe", "51");
        if (withHattstedt) {
            f.gemeinde("97051001", "0051", "Hattprobe", "64", 800, 700, "97051");
        }
        return f.gemeinde("97051002", "0051", seeName, "64", 1_000, seePopulation, "97052")
                .gemeinde("97051003", "0051", "Probenbüttel, Stadt", "63", 2_000, 3_000, "97053");
    }

    @Test
    void aNewerFileAddsUpdatesAndRetiresWithinItsLaender() {
        long otherBefore = db.count("SELECT COUNT(*) FROM municipality WHERE active");
        MunicipalityImportReport first =
                importer.importGv100ad(
                        testland("20250101", true, "Probesee", 400).stream(), "testland-1");
        assertTrue(first.ok(), first.errors().toString());
        assertEquals(4, first.added());
        assertEquals(0, first.retired());
        assertEquals(LocalDate.of(2025, 1, 1), first.gebietsstand());
        assertEquals("97051002", register.search("Probesee", 5).get(0).ags());
        assertEquals("Kreis Probe", register.findByAgs("97051001").orElseThrow().kreisName());
        assertEquals("Amt Probe", register.findByAgs("97051001").orElseThrow().verbandName());
        assertEquals(124_100, db.count("SELECT population FROM land WHERE code = ?", LAND));

        // Half a year later: Hattprobe merged away, Probesee renamed and grown.
        MunicipalityImportReport second =
                importer.importGv100ad(
                        testland("20250630", false, "Probesee am Wald", 450).stream(),
                        "testland-2");
        assertTrue(second.ok(), second.errors().toString());
        assertEquals(0, second.added());
        assertEquals(1, second.updated());
        assertEquals(1, second.retired());
        assertEquals(2, second.unchanged());
        assertEquals(3, second.municipalities());

        Map<String, Object> retired =
                db.row(
                        "SELECT active, retired_gebietsstand, name FROM municipality"
                                + " WHERE ags = '97051001'");
        assertEquals(false, toBoolean(retired.get("active")));
        assertEquals(
                LocalDate.of(2025, 6, 30),
                LocalDate.parse(retired.get("retired_gebietsstand").toString()));
        assertEquals("Hattprobe", retired.get("name"));
        Municipality gone = register.findByAgs("97051001").orElseThrow();
        assertFalse(gone.active());
        assertEquals(List.of(), register.search("Hattprobe", 5));
        assertTrue(register.resolve("97051001").match().isEmpty());

        Municipality renamed = register.findByAgs("97051002").orElseThrow();
        assertEquals("Probesee am Wald", renamed.displayName());
        assertEquals(450, renamed.population());
        assertEquals(LocalDate.of(2025, 6, 30), renamed.gebietsstand());
        assertEquals("97051002", register.search("probesee am", 5).get(0).ags());
        // unchanged ones are confirmed with the new Gebietsstand
        assertEquals(
                LocalDate.of(2025, 6, 30),
                register.findByAgs("97051003").orElseThrow().gebietsstand());
        // nothing outside Land 97 moved
        assertEquals(
                otherBefore,
                db.count(
                        "SELECT COUNT(*) FROM municipality WHERE active AND land_code <> ?", LAND));

        // The same file again changes nothing; an older one is refused.
        MunicipalityImportReport again =
                importer.importGv100ad(
                        testland("20250630", false, "Probesee am Wald", 450).stream(),
                        "testland-3");
        assertEquals(
                List.of(0, 0, 0, 0, 3),
                List.of(
                        again.added(),
                        again.updated(),
                        again.retired(),
                        again.reactivated(),
                        again.unchanged()));
        MunicipalityImportReport older =
                importer.importGv100ad(
                        testland("20250101", true, "Probesee", 400).stream(), "testland-4");
        assertFalse(older.ok());
        assertEquals("municipality.import.error.older", older.errors().get(0).messageKey());
        assertFalse(register.findByAgs("97051001").orElseThrow().active());
    }

    @Test
    void importingTheShippedFileAgainChangesNothing() {
        long imports = db.count("SELECT COUNT(*) FROM municipality_import");
        MunicipalityImportReport report = importer.importShipped();
        assertTrue(report.ok());
        assertEquals(0, report.added());
        assertEquals(0, report.updated());
        assertEquals(0, report.retired());
        assertEquals(0, report.reactivated());
        assertEquals(ShippedRegister.read().municipalities(), report.unchanged());
        assertEquals(ShippedRegister.read().unincorporated(), report.unincorporated());
        assertEquals(imports, db.count("SELECT COUNT(*) FROM municipality_import"));
    }

    @Test
    void aMalformedFileIsRejectedNamingTheLineAndChangesNothing() {
        String fingerprint = fingerprint();
        List<String> lines = Arrays.asList(Gv100adLines.shippedText().split("\n"));
        // Line 7 is Kiel's Satzart-60 record: break its population.
        String kiel = lines.get(6);
        assertTrue(kiel.startsWith("60") && kiel.contains("Kiel"), kiel);
        lines.set(6, kiel.substring(0, 139) + "0000025266X" + kiel.substring(150));
        MunicipalityImportReport report =
                importer.importGv100ad(
                        new ByteArrayInputStream(
                                String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                        "broken.txt");
        assertFalse(report.ok());
        assertEquals(1, report.errorCount());
        assertEquals(7, report.errors().get(0).line());
        assertEquals(List.of("7", "0000025266X"), report.errors().get(0).args());
        assertEquals(fingerprint, fingerprint());

        MunicipalityImportReport notGv100 =
                importer.importGv100ad(
                        new ByteArrayInputStream(
                                "ags,domain\n01001000,flensburg.de\n"
                                        .getBytes(StandardCharsets.UTF_8)),
                        "domains.csv");
        assertFalse(notGv100.ok());
        assertEquals(1, notGv100.errors().get(0).line());
        assertEquals("municipality.import.error.recordType", notGv100.errors().get(0).messageKey());
        MunicipalityImportReport empty =
                importer.importGv100ad(new ByteArrayInputStream(new byte[0]), "empty.txt");
        assertEquals(
                "municipality.import.error.noMunicipalities", empty.errors().get(0).messageKey());
        assertEquals(fingerprint, fingerprint());
    }

    @Test
    void theRealRegisterFollowsAMergerAndARenameAndComesBackFromTheShippedFile() {
        String fingerprint = fingerprint();
        // Gröde (01054039, a Hallig) disappears, Kiel gets a new name.
        String edited =
                Arrays.stream(Gv100adLines.shippedText().split("\n"))
                        .filter(
                                l ->
                                        !(l.startsWith("60")
                                                && l.substring(10, 18).equals("01054039")))
                        .map(
                                l ->
                                        l.startsWith("60") && l.substring(10, 18).equals("01002000")
                                                ? l.substring(0, 22)
                                                        + String.format(
                                                                "%-50s",
                                                                "Kiel, Landeshauptstadt am Meer")
                                                        + l.substring(72)
                                                : l)
                        .collect(Collectors.joining("\n"));
        try {
            MunicipalityImportReport report =
                    importer.importGv100ad(
                            new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)),
                            "edited.txt");
            assertTrue(report.ok(), report.errors().toString());
            assertEquals(
                    List.of(0, 1, 1, 0, 10_749),
                    List.of(
                            report.added(),
                            report.updated(),
                            report.retired(),
                            report.reactivated(),
                            report.unchanged()));
            assertFalse(register.findByAgs("01054039").orElseThrow().active());
            assertEquals(
                    "Kiel, Landeshauptstadt am Meer",
                    register.findByAgs("01002000").orElseThrow().name());
            assertEquals("Kiel", register.findByAgs("01002000").orElseThrow().displayName());
        } finally {
            MunicipalityImportReport back = importer.importShipped();
            assertEquals(
                    List.of(0, 1, 0, 1),
                    List.of(back.added(), back.updated(), back.retired(), back.reactivated()));
        }
        assertEquals(fingerprint, fingerprint());
        assertTrue(register.findByAgs("01054039").orElseThrow().active());
    }

    @Test
    void theImportCommandsRunWithoutTheServerAndReport() throws Exception {
        Path dir = Files.createTempDirectory("gv100ad");
        // As Destatis publishes it (ZIP) and as the product ships it (gzip).
        Path good = dir.resolve("testland.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(good))) {
            zip.putNextEntry(new ZipEntry("GV100AD_01012025.txt"));
            zip.write(
                    testland("20250101", true, "Probesee", 400)
                            .text()
                            .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path broken = dir.resolve("broken.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(broken))) {
            out.write(
                    testland("20250101", true, "Probesee", 400)
                            .text()
                            .replace(
                                    "Amt Probe                                         "
                                            + "                                                  51",
                                    "Amt Probe                                         "
                                            + "                                                  59")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code =
                    Commands.run(
                            new String[] {"import-municipalities", broken.toString()},
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(
                    text.contains(
                            "broken.txt.gz wurde nicht eingelesen; nichts wurde geändert. 1 Fehler:\n"
                                    + "  Zeile 6: unbekanntes Textkennzeichen „59“."),
                    text);
            assertEquals(0, db.count("SELECT COUNT(*) FROM land WHERE code = ?", LAND));

            out.reset();
            code =
                    Commands.run(
                            new String[] {"import-municipalities", good.toString()},
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            assertTrue(
                    text.contains(
                            "Gemeindeverzeichnis testland.zip (Gebietsstand 01.01.2025) eingelesen: "
                                    + "4 Gemeinden – 4 neu, 0 geändert, 0 aufgelöst (bleiben inaktiv erhalten), 0 wieder aktiv, "
                                    + "0 unverändert."),
                    text);
            assertEquals(
                    4,
                    db.count(
                            "SELECT COUNT(*) FROM municipality WHERE land_code = ? AND active",
                            LAND));

            out.reset();
            code =
                    Commands.run(
                            new String[] {
                                "import-municipalities", dir.resolve("fehlt.txt").toString()
                            },
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(
                    out.toString(StandardCharsets.UTF_8)
                            .contains("gibt es nicht oder sie ist nicht lesbar"));

            out.reset();
            code =
                    Commands.run(
                            new String[] {"import-municipalities"},
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(
                    out.toString(StandardCharsets.UTF_8)
                            .startsWith("Aufruf: java -jar mitzeichnen.jar"));
        } finally {
            Locale.setDefault(before);
        }
    }

    /** The observable content of the real register (without timestamps). */
    private String fingerprint() {
        return db.rows(
                                "SELECT COUNT(*) AS n, SUM(active) AS a, SUM(population) AS p,"
                                        + " SUM(CRC32(CONCAT_WS('|', ags, ars, name, display_name, type_code, land_code, kreis_ags,"
                                        + " verband_name, population, postal_code, area_km2, gebietsstand, active, lat, lon, search_key,"
                                        + " COALESCE(retired_gebietsstand, '-')))) AS c FROM municipality WHERE land_code <> ?",
                                LAND)
                        .toString()
                + db.rows(
                        "SELECT SUM(population) AS p, COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', ags, name, active)))"
                                + " AS c FROM kreis WHERE land_code <> ?",
                        LAND);
    }

    private static boolean toBoolean(Object v) {
        return v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
    }
}
