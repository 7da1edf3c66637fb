package de.mitzeichnen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** The hand-over document, downloaded through the running server as PDF and as the print view. */
@MicronautTest(transactional = false)
class HandoverDocumentTest {

    /** A paragraph as people type it: short source lines joined by single line breaks. */
    static final List<String> PARAGRAPH =
            List.of(
                    "Wir, die unterzeichnenden Städte, Gemeinden",
                    "und Landkreise, erleben jeden Tag, was",
                    "gelingende Aufnahme vor Ort bedeutet: Kitas,",
                    "Schulen, Wohnungen, Sprachkurse und Arbeit.",
                    "Dafür brauchen wir verlässliche Zusagen von",
                    "Bund und Ländern – und zwar dauerhaft.");

    static final String BODY =
            """
            ## Migration als Chance begreifen

            %s

            ### Unsere Forderungen

            - **Sichere Finanzierung** der kommunalen Integrationsarbeit
            - Schnellere Anerkennung von Berufsabschlüssen
            - Mehr Mitsprache für die Kommunen

            <script>alert('x')</script>

            Mehr dazu [hier](javascript:alert(1)) und auf [unserer Seite](https://stadt.example/aufruf).
            """
                    .formatted(String.join("\n", PARAGRAPH));

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;

    Appeal appeal;
    Web web;

    @BeforeEach
    void setUp() {
        URI base = URI.create(server.getURL().toString());
        Organiser city = fixtures.organiser("Stadt Frankfurt am Main");
        appeal =
                fixtures.appeal(
                        city,
                        "Migration als Chance – ein Aufruf der Kommunen",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        BODY);
        web = accounts.signedIn(base, accounts.organiser(city));
        // Bayern: two municipalities, Hessen and Schleswig-Holstein one each (the page lists Bayern
        // first)
        insert("09162000", "Zoë Ørsted-Łukasiewicz", "LORD_MAYOR", true);
        insert("09564000", "Nora Nürnberg", "MAYOR", false);
        insert("06412000", "Hans Hessen", "DEZERNENT", true);
        insert("06412000", "Frida Frankfurt", "COUNCILLOR", true);
        insert("01002000", "Kira Kiel", "LORD_MAYOR", true);
    }

    void insert(String ags, String name, String role, boolean publicName) {
        String email = UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, ?, ?, ?, ?, 'v1', NOW(6), 'de', ?, 'EMAIL_ONLY', 1, NOW(6),
                  NOW(6), NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                name,
                role,
                ags,
                publicName,
                "d".repeat(64));
    }

    byte[] download(Web browser, String query) throws Exception {
        HttpResponse<byte[]> pdf =
                browser.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf" + query);
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(
                dir.resolve("handover" + (query.isEmpty() ? "" : "-filtered") + ".pdf"),
                pdf.body());
        return pdf.body();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    @Test
    void theTextIsSetAsTheWebPageShowsItWithoutMarkup() throws Exception {
        String text = text(download(web, ""));
        List<String> lines = text.lines().map(String::strip).toList();

        // One flowing paragraph: where a source line ended, the PDF line goes on with the next
        // source line.
        String flat = String.join(" ", lines).replaceAll("\\s+", " ");
        assertTrue(flat.contains(String.join(" ", PARAGRAPH)), flat);
        int joined = 0;
        for (int i = 0; i + 1 < PARAGRAPH.size(); i++) {
            String[] end = PARAGRAPH.get(i).split(" ");
            String[] start = PARAGRAPH.get(i + 1).split(" ");
            String seam = end[end.length - 1] + " " + start[0];
            if (lines.stream().anyMatch(l -> l.contains(seam))) {
                joined++;
            }
        }
        assertTrue(
                joined >= PARAGRAPH.size() - 2, "source line breaks became hard breaks:\n" + text);

        assertTrue(
                flat.contains(
                        "Migration als Chance – ein Aufruf der Kommunen an die Bundesregierung"),
                flat);
        assertTrue(
                lines.contains("Migration als Chance begreifen"),
                "heading on its own line:\n" + text);
        assertTrue(lines.contains("Unsere Forderungen"), text);
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.endsWith(
                                                "Sichere Finanzierung der kommunalen Integrationsarbeit")),
                text);
        assertTrue(
                lines.stream().anyMatch(l -> l.endsWith("Mehr Mitsprache für die Kommunen")), text);
        assertTrue(lines.contains("an die Bundesregierung"), text);
        // the same wording as the appeal page: „Ein Aufruf der Stadt …", not „von Stadt …"
        assertTrue(text.contains("Ein Aufruf der Stadt Frankfurt am Main"), text);
        for (String markup : List.of("**", "##", "<", ">", "script", "javascript", "alert")) {
            assertFalse(text.contains(markup), markup + " in\n" + text);
        }
        assertTrue(text.contains("Mehr dazu hier und auf unserer Seite."), text);
    }

    @Test
    void supportersComeByLandInThePageOrderWithCorrectPlurals() throws Exception {
        String text = text(download(web, ""));
        int by = text.indexOf("\nBayern\n");
        int he = text.indexOf("\nHessen\n");
        int sh = text.indexOf("\nSchleswig-Holstein\n");
        assertTrue(by > 0 && he > by && sh > he, text);
        assertTrue(text.contains("Summe Bayern: 2 Kommunen mit"), text);
        assertTrue(text.contains("Summe Hessen: 1 Kommune mit"), text);
        assertTrue(text.contains("Summe Schleswig-Holstein: 1 Kommune mit"), text);
        assertTrue(text.contains("Insgesamt: 4 Kommunen mit"), text);
        assertTrue(text.contains("5 Unterschriften"), text);
        assertFalse(text.contains("1 Kommunen"), text);
        assertTrue(text.contains("Zoë Ørsted-Łukasiewicz, Oberbürgermeister:in"), text);
        assertTrue(text.contains("Hans Hessen"), text);
        assertFalse(text.contains("Nora Nürnberg"), "no consent, no name");
        long population = db.count("SELECT population FROM municipality WHERE ags = '01002000'");
        assertTrue(
                text.contains(String.format(Locale.GERMAN, "%,d Einwohner:innen", population)),
                text);
        assertTrue(text.contains("Seite 1 von 2") && text.contains("Seite 2 von 2"), text);

        String hessen = text(download(web, "?land=06"));
        assertTrue(
                hessen.contains("Summe Hessen: 1 Kommune") && !hessen.contains("Bayern"), hessen);
        assertTrue(hessen.contains("Insgesamt: 1 Kommune mit"), hessen);
        assertTrue(hessen.contains("2 Unterschriften"), hessen);

        String english = text(download(web.withHeader("Accept-Language", "en"), ""));
        assertTrue(english.contains("Total Hessen: 1 municipality with"), english);
        assertTrue(english.contains("Total Bayern: 2 municipalities with"), english);
        assertTrue(english.contains("Overall: 4 municipalities"), english);
        assertTrue(english.contains("Page 1 of 2"), english);
    }

    @Test
    void thePdfIsTaggedWithLanguageAndTitleAndEmbedsItsFonts() throws Exception {
        try (PDDocument doc = Loader.loadPDF(download(web, ""))) {
            assertTrue(
                    doc.getDocumentCatalog().getMarkInfo() != null
                            && doc.getDocumentCatalog().getMarkInfo().isMarked(),
                    "tagged");
            assertNotNull(doc.getDocumentCatalog().getStructureTreeRoot());
            assertEquals("de", doc.getDocumentCatalog().getLanguage());
            assertEquals(
                    "Migration als Chance – ein Aufruf der Kommunen",
                    doc.getDocumentInformation().getTitle());
            assertTrue(doc.getDocumentCatalog().getViewerPreferences().displayDocTitle());
            Set<String> types = new TreeSet<>();
            collectTypes(doc.getDocumentCatalog().getStructureTreeRoot(), types);
            assertTrue(
                    types.containsAll(List.of("H1", "H2", "H3", "P", "L", "LI")), types.toString());
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    fonts.add(font.getName());
                }
            }
            assertTrue(
                    !fonts.isEmpty() && fonts.stream().allMatch(f -> f.contains("DejaVu")),
                    fonts.toString());
        }
    }

    /**
     * veraPDF's PDF/UA-1 profile (the Matterhorn checks a machine can do) on the exported PDF:
     * every rule passes. The failures it names are listed when one does not.
     */
    @Test
    void thePdfIsPdfUa1CompliantForVeraPdf() throws Exception {
        byte[] pdf = download(web, "");
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser =
                        Foundries.defaultInstance()
                                .createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFUA_1);
                PDFAValidator validator =
                        Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, true)) {
            ValidationResult result = validator.validate(parser);
            String failed =
                    result.getTestAssertions().stream()
                            .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                            .map(
                                    a ->
                                            a.getRuleId().getClause()
                                                    + "-"
                                                    + a.getRuleId().getTestNumber()
                                                    + " "
                                                    + a.getMessage()
                                                    + " at "
                                                    + a.getLocation().getContext())
                            .distinct()
                            .collect(Collectors.joining("\n"));
            assertTrue(result.isCompliant(), "PDF/UA-1 failures:\n" + failed);
        }
    }

    static void collectTypes(PDStructureNode node, Set<String> types) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement e) {
                types.add(e.getStructureType());
                collectTypes(e, types);
            }
        }
    }

    @Test
    void thePrintViewShowsTheSameDocumentInTheBrowser() throws Exception {
        String path = "/verwaltung/aufrufe/" + appeal.slug() + "/uebergabe?land=06";
        Web.Page page = web.get(path);
        assertEquals(200, page.status(), page.text());
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.writeString(Path.of("target", "screenshots", "handover.html"), page.body());
        assertTrue(
                page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        Document doc = page.doc();
        assertEquals("de", doc.selectFirst("html").attr("lang"));
        assertEquals(
                "Migration als Chance – ein Aufruf der Kommunen", doc.selectFirst("h1").text());
        assertEquals("Migration als Chance begreifen", doc.selectFirst(".text h2").text());
        String publicKicker =
                web.get("/aufrufe/" + appeal.slug()).doc().selectFirst(".kicker").text();
        assertTrue(publicKicker.startsWith("Ein Aufruf der Stadt Frankfurt am Main"), publicKicker);
        assertEquals(
                publicKicker, doc.selectFirst(".kicker").text().replaceFirst(" · Stand: .*", ""));
        assertEquals(3, doc.select(".text ul li").size());
        assertEquals("Sichere Finanzierung", doc.selectFirst(".text li strong").text());
        assertTrue(doc.select("script").isEmpty());
        assertFalse(page.body().contains("javascript:"), page.body());
        assertEquals(List.of("Hessen"), doc.select("h3.land").eachText());
        assertEquals(
                "Summe Hessen: 1 Kommune mit "
                        + doc.selectFirst("p.land-total")
                                .text()
                                .replaceFirst("^Summe Hessen: 1 Kommune mit ", ""),
                doc.selectFirst("p.land-total").text());
        assertEquals(
                "/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf?land=06",
                doc.selectFirst("nav.screen a[href*=export.pdf]").attr("href"));

        Web other =
                accounts.signedIn(
                        URI.create(server.getURL().toString()),
                        accounts.organiser(fixtures.organiser("Stadt Fremd")));
        assertEquals(403, other.get(path).status());
    }
}
