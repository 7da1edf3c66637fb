package de.mitzeichnen.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four municipalities and one Landkreis support an appeal: every place that counts them says „4
 * Kommunen" and „1 Landkreis" – never „5 Kommunen" – through the running server.
 */
@MicronautTest(transactional = false)
class CountsPerKindTest {

    static final String LANDKREIS_FULDA = "06631";

    /** „5" followed by a word for municipalities: a Landkreis counted as a Kommune. */
    static final Pattern FIVE_MUNICIPALITIES =
            Pattern.compile("\\b5 (unterstützenden |unterstützende )?(Kommunen|municipalities)");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject SupportRecount recount;
    @Inject ConsoleAccounts accounts;
    @Inject ObjectMapper mapper;

    URI base;
    Organiser organiser;
    Appeal appeal;
    Web web;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        web = new Web(base);
        clock.set(Instant.parse("2025-11-05T12:00:00Z"));
        organiser = fixtures.organiser("Stadt Frankfurt am Main");
        appeal =
                fixtures.appeal(
                        organiser,
                        "Vier Kommunen und ein Landkreis",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
        db.update("UPDATE appeal SET goal = 10 WHERE id = ?", appeal.id());
        // Hessen: Frankfurt, Kassel and the Landkreis Fulda; Bayern: München; Schleswig-Holstein:
        // Kiel. No municipality lies in the Landkreis, so every inhabitant counts once everywhere.
        confirmed("06412000", null, "LORD_MAYOR", "2025-11-02 09:00:00");
        confirmed("06611000", null, "MAYOR", "2025-11-02 10:00:00");
        confirmed("09162000", null, "LORD_MAYOR", "2025-11-03 09:00:00");
        confirmed("01002000", null, "LORD_MAYOR", "2025-11-03 10:00:00");
        confirmed(null, LANDKREIS_FULDA, "DISTRICT_ADMINISTRATOR", "2025-11-04 09:00:00");
        recount.recount(appeal.id());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    void confirmed(String ags, String kreis, String role, String confirmedAt) {
        String email = UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, district_ags,
                  public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, 'Amtsperson', ?, ?, ?, true, 'v1', NOW(6), 'de', ?, 'INVITED', 1,
                        NOW(6), ?, NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                role,
                ags,
                kreis,
                "b".repeat(64),
                confirmedAt);
    }

    long population() {
        return db.count(
                        "SELECT COALESCE(SUM(population), 0) FROM municipality WHERE ags IN"
                                + " ('06412000', '06611000', '09162000', '01002000')")
                + db.count("SELECT population FROM kreis WHERE ags = ?", LANDKREIS_FULDA);
    }

    static void assertNoFiveMunicipalities(String where, String text) {
        assertFalse(FIVE_MUNICIPALITIES.matcher(text).find(), where + ": " + text);
    }

    static String count(Document doc, String containing) {
        return doc.select(".counts .count").stream()
                .map(Element::text)
                .filter(t -> t.contains(containing))
                .findFirst()
                .orElseThrow(() -> new AssertionError(containing + " in " + doc.text()));
    }

    @Test
    void theAppealPageItsMapAndItsPerLandTableCountEachKindOnItsOwn() {
        Document doc = web.get("/aufrufe/" + appeal.slug()).doc();
        assertEquals("4 Kommunen unterstützen den Aufruf", count(doc, "Kommunen"));
        assertEquals("1 Landkreis unterstützt den Aufruf", count(doc, "Landkreis"));
        assertTrue(
                count(doc, "Einwohner")
                        .endsWith("Einwohner:innen leben in diesen Kommunen und Landkreisen"),
                doc.text());
        assertEquals(
                "5 von 10 Kommunen und Landkreisen als Ziel", doc.selectFirst("p.goal").text());
        assertEquals(
                "Liste: 4 Kommunen und 1 Landkreis",
                doc.selectFirst("section.support details > summary").text());
        assertEquals(5, doc.select("ul.supporters li").size());

        Element svg = doc.selectFirst("figure.map svg");
        assertNotNull(svg, doc.html());
        assertEquals(
                "Karte Deutschlands: 4 Kommunen und 1 Landkreis unterstützen den Aufruf",
                svg.attr("aria-label"));
        String hessen = svg.selectFirst("use.land[data-land=06] > title").text();
        assertTrue(
                hessen.matches(
                        "Hessen: 2 von [0-9.]+ Kommunen unterstützen den Aufruf \\([0-9,]+ %\\),"
                                + " dazu 1 Landkreis"),
                hessen);
        String kiel = svg.selectFirst("use.land[data-land=01] > title").text();
        assertTrue(
                kiel.matches(
                        "Schleswig-Holstein: 1 von [0-9.]+ Kommunen unterstützt den Aufruf \\(.+\\)"),
                kiel);
        assertEquals(
                "Hamburg: 0 von 1 Kommune unterstützen den Aufruf (0 %)",
                svg.selectFirst("use.land[data-land=02] > title").text());

        // per Land: Land, Kommunen, their share, Landkreise, signatures, inhabitants
        List<String> head = doc.select("section.support details table thead th").eachText();
        assertEquals("Kommunen", head.get(1));
        assertEquals("Landkreise", head.get(3));
        Element row =
                doc.select("section.support details table tbody tr").stream()
                        .filter(r -> r.child(0).text().equals("Hessen"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("2", row.child(1).text(), row.text());
        assertEquals("1", row.child(3).text(), row.text());
        assertEquals("3", row.child(4).text(), row.text());
        assertNoFiveMunicipalities("appeal page", doc.text());

        Document en = web.get("/aufrufe/" + appeal.slug() + "?lang=en").doc();
        assertEquals("4 municipalities support the appeal", count(en, "municipalities"));
        assertEquals("1 district supports the appeal", count(en, "district"));
        assertEquals(
                "List: 4 municipalities and 1 district",
                en.selectFirst("section.support details > summary").text());
        assertEquals(
                "5 of 10 municipalities and districts aimed for", en.selectFirst("p.goal").text());
        assertEquals(
                "Hamburg: 0 of 1 municipality support the appeal (0%)",
                en.selectFirst("figure.map svg use.land[data-land=02] > title").text());
        assertNoFiveMunicipalities("English appeal page", en.text());
    }

    @Test
    void theSupportersPageItsTimelineTheWidgetAndTheBadgeSayTheSame() {
        Document doc = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer").doc();
        assertEquals("4 Kommunen unterstützen den Aufruf", count(doc, "Kommunen unterstützen"));
        assertEquals("1 Landkreis unterstützt den Aufruf", count(doc, "Landkreis"));
        assertEquals("In der Liste: 4 Kommunen und 1 Landkreis", doc.selectFirst("p.found").text());
        String n = NumberFormat.getIntegerInstance(Locale.GERMANY).format(population());
        assertEquals(
                n + " Einwohner:innen leben in diesen Kommunen und Landkreisen",
                count(doc, "Einwohner"));
        // the timeline: its summary per kind, its table both kinds together, named as such
        assertEquals(
                "Verlauf: 4 Kommunen und 1 Landkreis nach 5 Tagen",
                doc.selectFirst("figure.chart svg").attr("aria-label"));
        assertEquals(
                "Kommunen und Landkreise insgesamt",
                doc.select(".timeline-table thead th").get(2).text());
        assertEquals(
                "5", doc.select(".timeline-table tbody tr").last().child(2).text(), doc.text());
        assertEquals(
                "04.11.2025: 0 neue Kommunen und 1 neuer Landkreis",
                doc.select("figure.chart .bars rect title").last().text());
        assertNoFiveMunicipalities("supporters page", doc.text());

        Document fulda = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?q=Fulda").doc();
        assertEquals("1 Landkreis passt zu „Fulda“", fulda.selectFirst("p.found").text());
        Document hessen =
                web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?q=Hessen&lang=en").doc();
        assertEquals(
                "2 municipalities and 1 district match “Hessen”",
                hessen.selectFirst("p.found").text());

        Document timeline = web.get("/aufrufe/" + appeal.slug() + "/verlauf?lang=en").doc();
        assertEquals(
                "Timeline: 4 municipalities and 1 district after 5 days",
                timeline.selectFirst("figure.chart svg").attr("aria-label"));

        Document widget = web.get("/aufrufe/" + appeal.slug() + "/widget").doc();
        assertEquals(
                "4 Kommunen und 1 Landkreis unterstützen den Aufruf",
                widget.selectFirst(".w-count").text());
        assertEquals(
                "5 Unterschriften · " + n + " Einwohner:innen",
                widget.selectFirst(".w-sub").text());
        Document widgetEn = web.get("/aufrufe/" + appeal.slug() + "/widget?lang=en").doc();
        assertEquals(
                "4 municipalities and 1 district support the appeal",
                widgetEn.selectFirst(".w-count").text());

        String badge = web.get("/aufrufe/" + appeal.slug() + "/badge.svg").body();
        assertTrue(badge.contains(">4 Kommunen und 1 Landkreis</text>"), badge);
    }

    @Test
    void theApiGivesEachKindItsOwnNumberAndKeepsItsOldFields() throws Exception {
        JsonNode counts = json(web.get("/api/v1/appeals/" + appeal.slug()).body()).get("counts");
        assertEquals(4, counts.get("municipalities").getLongValue());
        assertEquals(1, counts.get("districts").getLongValue());
        assertEquals(5, counts.get("places").getLongValue());
        assertEquals(4, counts.get("kinds").get("municipalities").getLongValue());
        assertEquals(1, counts.get("kinds").get("districts").getLongValue());
        assertEquals(5, counts.get("signatures").getLongValue());
        assertEquals(population(), counts.get("population").getLongValue());
        JsonNode hessen = null;
        for (JsonNode s : counts.get("byState").values()) {
            if ("06".equals(s.get("code").getStringValue())) {
                hessen = s;
            }
        }
        assertNotNull(hessen, counts.toString());
        // as since version 1: both kinds together; per kind in „kinds"
        assertEquals(3, hessen.get("municipalities").getLongValue());
        assertEquals(3, hessen.get("places").getLongValue());
        assertEquals(2, hessen.get("kinds").get("municipalities").getLongValue());
        assertEquals(1, hessen.get("kinds").get("districts").getLongValue());

        JsonNode places =
                json(web.get("/api/v1/appeals/" + appeal.slug() + "/municipalities").body());
        assertEquals(5, places.get("count").getLongValue());
        assertEquals(4, places.get("kinds").get("municipalities").getLongValue());
        assertEquals(1, places.get("kinds").get("districts").getLongValue());
        long districts = 0;
        for (JsonNode p : places.get("municipalities").values()) {
            districts += "district".equals(p.get("kind").getStringValue()) ? 1 : 0;
        }
        assertEquals(1, districts);

        JsonNode download =
                json(web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer.json").body());
        assertEquals(4, download.get("kinds").get("municipalities").getLongValue());
        assertEquals(1, download.get("kinds").get("districts").getLongValue());
    }

    @Test
    void theHandOverPdfAndTheDashboardCountEachKindOnItsOwn() throws Exception {
        Web organiserWeb = accounts.signedIn(base, accounts.organiser(organiser));
        HttpResponse<byte[]> pdf =
                organiserWeb.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "counts-handover.pdf"), pdf.body());
        String text = pdfText(pdf);
        String n = NumberFormat.getIntegerInstance(Locale.GERMANY).format(population());
        assertTrue(text.contains("Unterstützende Kommunen und Landkreise"), text);
        assertTrue(
                text.contains(
                        "Insgesamt: 4 Kommunen und 1 Landkreis mit "
                                + n
                                + " Einwohner:innen, 5 Unterschriften"),
                text);
        assertTrue(text.contains("Summe Hessen: 2 Kommunen und 1 Landkreis mit "), text);
        assertTrue(text.contains("Summe Bayern: 1 Kommune mit "), text);
        // the Landkreis with its inhabitants, not again with itself as its Kreis
        String fulda =
                NumberFormat.getIntegerInstance(Locale.GERMANY)
                        .format(
                                db.count(
                                        "SELECT population FROM kreis WHERE ags = ?",
                                        LANDKREIS_FULDA));
        assertTrue(text.contains("Landkreis Fulda " + fulda + " Einwohner:innen"), text);
        assertNoFiveMunicipalities("hand-over PDF", text);

        Document dash =
                organiserWeb.get("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht").doc();
        Element goal = dash.selectFirst(".goal-tile");
        assertEquals(
                List.of("4", "Kommunen öffentlich gezählt", "1", "Landkreis öffentlich gezählt"),
                goal.select("p.n, p.l").eachText());
        assertEquals(
                "5 von 10 Kommunen und Landkreisen (Ziel) – 50 %",
                goal.selectFirst("p.hint").text());
        assertEquals(
                List.of("Land", "Kommunen", "Landkreise", "Unterschriften", "Einwohner:innen"),
                dash.select("table.by-land thead th").eachText());
        Element hessen =
                dash.select("table.by-land tbody tr").stream()
                        .filter(r -> r.child(0).text().equals("Hessen"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(List.of("Hessen", "2", "1", "3"), hessen.children().eachText().subList(0, 4));
        assertEquals(
                "Verlauf: 4 Kommunen und 1 Landkreis nach 5 Tagen",
                dash.selectFirst("figure.chart svg").attr("aria-label"));
        assertNoFiveMunicipalities("dashboard", dash.text());
    }

    @Test
    void aMunicipalityInsideTheSupportingLandkreisAddsNoInhabitantsInThePdfEither()
            throws Exception {
        confirmed("06631009", null, "MAYOR", "2025-11-04 10:00:00");
        recount.recount(appeal.id());
        long population = population();
        JsonNode counts = json(web.get("/api/v1/appeals/" + appeal.slug()).body()).get("counts");
        assertEquals(5, counts.get("municipalities").getLongValue());
        assertEquals(population, counts.get("population").getLongValue(), "Fulda counts once");

        String text =
                pdfText(
                        accounts.signedIn(base, accounts.organiser(organiser))
                                .download("/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf"));
        String n = NumberFormat.getIntegerInstance(Locale.GERMANY).format(population);
        assertTrue(
                text.contains(
                        "Insgesamt: 5 Kommunen und 1 Landkreis mit "
                                + n
                                + " Einwohner:innen, 6 Unterschriften"),
                n + " in " + text);
    }

    static String pdfText(HttpResponse<byte[]> pdf) throws Exception {
        assertEquals(200, pdf.statusCode());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    JsonNode json(String body) throws Exception {
        return mapper.readValue(body, JsonNode.class);
    }
}
