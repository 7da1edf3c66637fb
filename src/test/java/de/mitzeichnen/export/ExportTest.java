package de.mitzeichnen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ExportTest {

    @Inject Exports exports;
    @Inject Fixtures fixtures;
    @Inject Db db;

    Appeal appeal;

    @BeforeEach
    void setUp() {
        appeal =
                fixtures.appeal(
                        "Export-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        // München (Bayern, 09), Frankfurt (Hessen, 06), Kiel (Schleswig-Holstein, 01), two in
        // Frankfurt
        insert(
                "09162000",
                "Maria Beispiel",
                "MAYOR",
                "CONFIRMED",
                true,
                "OFFICIAL_DOMAIN",
                "2025-11-21T09:30:00Z");
        insert(
                "06412000",
                "=HYPERLINK(\"http://evil\")",
                "COUNCILLOR",
                "CONFIRMED",
                false,
                "EMAIL_ONLY",
                "2025-11-21T10:00:00Z");
        insert(
                "06412000",
                "Hans Hessen",
                "DEZERNENT",
                "CONFIRMED",
                true,
                "VERIFIED_BY_ORGANISER",
                "2025-11-22T10:00:00Z");
        insert(
                "01002000",
                "Kira Kiel",
                "LORD_MAYOR",
                "CONFIRMED",
                true,
                "EMAIL_ONLY",
                "2025-11-23T10:00:00Z");
        insert("01002000", "Pending Person", "MAYOR", "PENDING", true, null, null);
    }

    void insert(
            String ags,
            String name,
            String role,
            String status,
            boolean publicName,
            String trust,
            String confirmedAt) {
        String email = UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, gebietsstand,
                  public_name, privacy_version, privacy_consent_at, language, appeal_text_hash, trust, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, '2025-11-30', ?, 'v1', '2025-11-20 10:00:00', 'de', ?, ?, 1,
                  '2025-11-20 10:00:00', ?, '2025-11-20 10:00:00', '2025-11-20 10:00:00')""",
                appeal.id(),
                status,
                email,
                email,
                name,
                role,
                ags,
                publicName,
                "a".repeat(64),
                trust,
                confirmedAt == null ? null : confirmedAt.replace("T", " ").replace("Z", ""));
    }

    byte[] export(ExportFormat format, ExportFilter filter, char sep) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.write(appeal, format, filter, sep, Locale.GERMAN, out);
        return out.toByteArray();
    }

    @Test
    void csvHasBomHeaderOnlyConfirmedRowsInLandOrderAndNeutralisedFormulas() throws Exception {
        byte[] bytes = export(ExportFormat.CSV, ExportFilter.defaults(), ';');
        assertEquals((byte) 0xEF, bytes[0]);
        assertEquals((byte) 0xBB, bytes[1]);
        assertEquals((byte) 0xBF, bytes[2]);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals(
                "Kommune;AGS;Bundesland;Kreis;Einwohner;Name;Funktion;Gremium;E-Mail;Vertrauensstufe;"
                        + "Bestätigt am;Unterzeichnete Textfassung",
                lines.get(0));
        assertEquals(5, lines.size(), csv);
        assertTrue(lines.get(1).startsWith("Kiel;01002000;Schleswig-Holstein;"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Frankfurt am Main;06412000;Hessen;"), lines.get(2));
        assertTrue(lines.get(4).startsWith("München;09162000;Bayern;"), lines.get(4));
        assertTrue(csv.contains(";\"'=HYPERLINK(\"\"http://evil\"\")\";"), csv);
        assertFalse(csv.contains("Pending Person"));
        assertTrue(lines.get(4).contains(";2025-11-21 10:30:00;"), lines.get(4));
        assertTrue(
                lines.get(4).contains(";amtliche Domain;"),
                "trust level in words: " + lines.get(4));
        assertTrue(lines.get(1).contains(";nur E-Mail bestätigt;"), lines.get(1));
        assertTrue(csv.endsWith("\r\n"));

        String comma =
                new String(
                        export(ExportFormat.CSV, ExportFilter.defaults(), ','),
                        StandardCharsets.UTF_8);
        assertTrue(comma.lines().toList().get(0).startsWith("\uFEFFKommune,AGS,Bundesland"));
    }

    @Test
    void filtersNarrowTheRows() throws Exception {
        String verified =
                new String(
                        export(ExportFormat.CSV, new ExportFilter(true, true, null), ';'),
                        StandardCharsets.UTF_8);
        assertEquals(3, verified.lines().count(), verified);
        assertTrue(verified.contains("Maria Beispiel") && verified.contains("Hans Hessen"));
        String hessen =
                new String(
                        export(ExportFormat.CSV, new ExportFilter(true, false, "06"), ';'),
                        StandardCharsets.UTF_8);
        assertEquals(3, hessen.lines().count(), hessen);
        String all =
                new String(
                        export(ExportFormat.CSV, new ExportFilter(false, false, null), ';'),
                        StandardCharsets.UTF_8);
        assertTrue(all.contains("Pending Person"));
    }

    @Test
    void xlsxIsARealWorkbookWithHeaderAndDates() throws Exception {
        byte[] bytes = export(ExportFormat.XLSX, ExportFilter.defaults(), ';');
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getFirstSheet();
            List<Row> rows = sheet.read();
            assertEquals(5, rows.size());
            assertEquals("Kommune", rows.get(0).getCellText(0));
            assertEquals("Bestätigt am", rows.get(0).getCellText(10));
            assertEquals("Kiel", rows.get(1).getCellText(0));
            assertEquals("Kira Kiel", rows.get(1).getCellText(5));
            assertTrue(rows.get(1).getCellText(8).contains("@"), rows.get(1).getCellText(8));
            assertEquals("München", rows.get(4).getCellText(0));
            assertEquals(
                    LocalDateTime.parse("2025-11-21T10:30:00"),
                    rows.get(4).getCellAsDate(10).orElseThrow());
            assertEquals(
                    db.count("SELECT population FROM municipality WHERE ags = '09162000'"),
                    rows.get(4).getCellAsNumber(4).orElseThrow().longValue());
        }
    }

    @Test
    void pdfListsMunicipalitiesByLandWithTotalsAndOnlyConsentedNames() throws Exception {
        byte[] bytes = export(ExportFormat.PDF, ExportFilter.defaults(), ';');
        String text;
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            text = new PDFTextStripper().getText(pdf);
            assertTrue(pdf.getNumberOfPages() >= 2);
        }
        assertTrue(text.contains("Export-Aufruf"));
        assertTrue(text.contains("an die Bundesregierung"));
        // as on the public page: most supporting municipalities first, then by name
        int sh = text.indexOf("Schleswig-Holstein");
        int he = text.indexOf("Hessen");
        int by = text.indexOf("Bayern");
        assertTrue(by > 0 && he > by && sh > he, text);
        assertTrue(text.contains("Kira Kiel, Oberbürgermeister:in"), text);
        assertTrue(text.contains("Hans Hessen"), text);
        assertFalse(text.contains("HYPERLINK"), "no consent, no name");
        assertTrue(text.contains("Summe Hessen: 1 Kommune mit"), text);
        assertTrue(text.contains("Insgesamt: 3 Kommunen"), text);
        assertTrue(text.contains("4 Unterschriften"), text);
        assertFalse(text.contains("Pending Person"));
        assertTrue(text.contains("Seite 1 von 2") && text.contains("Seite 2 von 2"), text);
        assertTrue(
                List.of(text.split("\n")).stream().anyMatch(l -> l.startsWith("Frankfurt am Main")),
                text.lines().collect(Collectors.joining("|")));
    }
}
