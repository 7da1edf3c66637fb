package de.mitzeichnen.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public transparency pages and the open API, through the running server with the real
 * database.
 */
@MicronautTest(transactional = false)
class TransparencyTest {

    static final String CACHE_CONTROL =
            "public, max-age=5, stale-while-revalidate=30, stale-if-error=300";

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject SupportRecount recount;

    Web web;
    Appeal appeal;
    @Inject ObjectMapper mapper;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        appeal =
                fixtures.appeal(
                        fixtures.organiser("Stadt Frankfurt am Main"),
                        "Transparenz-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Text");
        long zurich = foreign("CH", "Zürich-" + UUID.randomUUID().toString().substring(0, 4));
        // Frankfurt twice (counts once), München, Zürich; pending, withdrawn and rejected ones do
        // not count
        insert(
                appeal,
                "06412000",
                null,
                "Anna Amtlich",
                "LORD_MAYOR",
                true,
                "CONFIRMED",
                "2025-11-02 09:00:00");
        insert(
                appeal,
                "06412000",
                null,
                "Gerda Geheim",
                "COUNCILLOR",
                false,
                "CONFIRMED",
                "2025-11-05 09:00:00");
        insert(
                appeal,
                "09162000",
                null,
                "Max Mustermann",
                "MAYOR",
                false,
                "CONFIRMED",
                "2025-11-05 12:00:00");
        insert(
                appeal,
                null,
                zurich,
                "Zora Zürich",
                "OTHER",
                true,
                "CONFIRMED",
                "2025-11-06 12:00:00");
        insert(appeal, "06611000", null, "Paul Pending", "MAYOR", true, "PENDING", null);
        insert(
                appeal,
                "06411000",
                null,
                "Wanda Withdrawn",
                "MAYOR",
                true,
                "WITHDRAWN",
                "2025-11-03 09:00:00");
        insert(
                appeal,
                "05315000",
                null,
                "Rita Rejected",
                "MAYOR",
                true,
                "REJECTED",
                "2025-11-03 09:00:00");
        // rows written past signing's API: the recount builds the aggregate the public side reads
        recount.recount(appeal.id());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    long foreign(String country, String name) {
        db.update(
                "INSERT INTO foreign_municipality (country, name, normalized_name, created_at) VALUES (?, ?, ?, NOW(6))",
                country,
                name,
                name.toLowerCase());
        return db.count("SELECT MAX(id) FROM foreign_municipality");
    }

    void insert(
            Appeal a,
            String ags,
            Long foreignId,
            String name,
            String role,
            boolean publicName,
            String status,
            String confirmedAt) {
        String email = UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, role_other, municipality_ags,
                  foreign_municipality_id, public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'v1', NOW(6), 'de', ?, 'INVITED', 1, NOW(6), ?, NOW(6), NOW(6))""",
                a.id(),
                status,
                email,
                email,
                name,
                role,
                role.equals("OTHER") ? "Stadtpräsidentin" : null,
                ags,
                foreignId,
                publicName,
                "b".repeat(64),
                confirmedAt);
    }

    JsonNode json(Web.Page page) throws Exception {
        return mapper.readValue(page.body(), JsonNode.class);
    }

    static void assertShareable(Web.Page page) {
        assertEquals(CACHE_CONTROL, page.header("Cache-Control"), page.raw().uri().toString());
        assertTrue(
                page.raw().headers().allValues("Set-Cookie").isEmpty(),
                page.raw().uri() + " sets " + page.raw().headers().allValues("Set-Cookie"));
        assertNotNull(page.header("ETag"), page.raw().uri().toString());
    }

    @Test
    void appealCountsAsJsonWithTheDocumentedShape() throws Exception {
        Web.Page page = web.get("/api/v1/appeals/" + appeal.slug());
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("application/json"));
        assertEquals("*", page.header("Access-Control-Allow-Origin"));
        assertShareable(page);
        JsonNode a = json(page);
        assertEquals(
                List.of(
                        "slug",
                        "title",
                        "organiser",
                        "status",
                        "deadline",
                        "counts",
                        "updatedAt",
                        "handover",
                        "answer"),
                fieldNames(a));
        assertEquals(appeal.slug(), a.get("slug").getStringValue());
        assertEquals("Transparenz-Aufruf", a.get("title").getStringValue());
        assertTrue(a.get("organiser").getStringValue().startsWith("Stadt Frankfurt am Main"));
        assertEquals("open", a.get("status").getStringValue());
        assertEquals("2025-12-03T22:59:59Z", a.get("deadline").getStringValue());
        assertEquals("2025-11-06T12:00:00Z", a.get("updatedAt").getStringValue());
        JsonNode c = a.get("counts");
        assertEquals(
                List.of(
                        "municipalities",
                        "districts",
                        "places",
                        "kinds",
                        "signatures",
                        "population",
                        "awaitingVerification",
                        "byState"),
                fieldNames(c));
        assertEquals(3, c.get("municipalities").getLongValue(), "Frankfurt once, München, Zürich");
        assertEquals(0, c.get("districts").getLongValue());
        assertEquals(4, c.get("signatures").getLongValue());
        assertEquals(0, c.get("awaitingVerification").getLongValue());
        long population =
                db.count(
                        "SELECT SUM(population) FROM municipality WHERE ags IN ('06412000', '09162000')");
        assertEquals(population, c.get("population").getLongValue());
        JsonNode byState = c.get("byState");
        assertEquals(2, byState.size());
        JsonNode hessen =
                byState.get(0).get("code").getStringValue().equals("06")
                        ? byState.get(0)
                        : byState.get(1);
        assertEquals(
                List.of("code", "name", "municipalities", "places", "kinds", "signatures"),
                fieldNames(hessen));
        assertEquals("Hessen", hessen.get("name").getStringValue());
        assertEquals(1, hessen.get("municipalities").getLongValue());
        assertEquals(2, hessen.get("signatures").getLongValue());

        Web.Page again =
                web.get("/api/v1/appeals/" + appeal.slug(), "If-None-Match", page.header("ETag"));
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(page.header("ETag"), again.header("ETag"));
        assertEquals("*", again.header("Access-Control-Allow-Origin"));
        assertEquals(
                200,
                web.get("/api/v1/appeals/" + appeal.slug(), "If-None-Match", "\"other\"").status());

        insert(
                appeal,
                "06611000",
                null,
                "Karl Kassel",
                "MAYOR",
                true,
                "CONFIRMED",
                "2025-11-07 12:00:00");
        recount.recount(appeal.id());
        Web.Page changed =
                web.get("/api/v1/appeals/" + appeal.slug(), "If-None-Match", page.header("ETag"));
        assertEquals(200, changed.status(), "a new signature changes the ETag");
        assertEquals(4, json(changed).get("counts").get("municipalities").getLongValue());
    }

    @Test
    void listHasPublicAppealsWithCountsButNoDrafts() throws Exception {
        Appeal draft =
                fixtures.appeal(
                        "Entwurf",
                        AppealStatus.DRAFT,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        Web.Page page = web.get("/api/v1/appeals");
        assertEquals(200, page.status());
        assertShareable(page);
        assertEquals("*", page.header("Access-Control-Allow-Origin"));
        JsonNode listed = null;
        for (JsonNode a : json(page).get("appeals").values()) {
            assertFalse(a.get("slug").getStringValue().equals(draft.slug()));
            if (a.get("slug").getStringValue().equals(appeal.slug())) {
                listed = a;
            }
        }
        assertNotNull(listed);
        assertEquals(3, listed.get("counts").get("municipalities").getLongValue());
        assertEquals(404, web.get("/api/v1/appeals/" + draft.slug()).status());
    }

    @Test
    void unknownAppealIsAJsonErrorWithAMessage() throws Exception {
        Web.Page page = web.get("/api/v1/appeals/gibt-es-nicht");
        assertEquals(404, page.status());
        assertTrue(page.header("Content-Type").startsWith("application/json"));
        assertEquals("*", page.header("Access-Control-Allow-Origin"));
        assertEquals(
                "Diesen Aufruf gibt es nicht (oder nicht öffentlich).",
                json(page).get("message").getStringValue(),
                page.body());
        Web.Page english = web.get("/api/v1/appeals/gibt-es-nicht/municipalities?lang=en");
        assertEquals(404, english.status());
        assertEquals(
                "There is no such appeal (or it is not public).",
                json(english).get("message").getStringValue(),
                english.body());
    }

    @Test
    void municipalitiesNameOnlyThoseWhoAgreed() throws Exception {
        Web.Page page = web.get("/api/v1/appeals/" + appeal.slug() + "/municipalities");
        assertEquals(200, page.status());
        assertShareable(page);
        assertNoSecrets(page.body());
        JsonNode body = json(page);
        assertEquals(3, body.get("count").getLongValue());
        JsonNode frankfurt = null;
        JsonNode zurich = null;
        for (JsonNode p : body.get("municipalities").values()) {
            if ("06412000".equals(p.get("ags").coerceStringValue())) {
                frankfurt = p;
            }
            if ("CH".equals(p.get("country").coerceStringValue())) {
                zurich = p;
            }
        }
        assertNotNull(frankfurt);
        assertEquals("municipality", frankfurt.get("kind").getStringValue());
        assertEquals("Frankfurt am Main", frankfurt.get("name").getStringValue());
        assertEquals("06", frankfurt.get("state").get("code").getStringValue());
        assertEquals("2025-11-02T09:00:00Z", frankfurt.get("firstSupport").getStringValue());
        JsonNode officials = frankfurt.get("signatories");
        assertEquals(2, officials.size());
        assertEquals("LORD_MAYOR", officials.get(0).get("role").getStringValue());
        assertEquals("Oberbürgermeister:in", officials.get(0).get("roleLabel").getStringValue());
        assertEquals("Anna Amtlich", officials.get(0).get("name").getStringValue());
        assertTrue(officials.get(1).get("name").isNull(), "no consent, no name");
        assertNotNull(zurich);
        assertEquals("foreign", zurich.get("kind").getStringValue());
        assertTrue(zurich.get("state").isNull());
        assertEquals(
                "Stadtpräsidentin",
                zurich.get("signatories").get(0).get("roleLabel").getStringValue());
    }

    /**
     * Who did not agree, and everything that did not count, never appears; nor do e-mail addresses.
     */
    static void assertNoSecrets(String body) {
        for (String hidden :
                List.of(
                        "Gerda Geheim",
                        "Max Mustermann",
                        "Paul Pending",
                        "Wanda Withdrawn",
                        "Rita Rejected",
                        "@x.example",
                        "Darmstadt")) {
            assertFalse(body.contains(hidden), hidden);
        }
    }

    @Test
    void supportersPageGroupsByLandWithNamesOnlyWithConsent() {
        Web.Page page = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer");
        assertEquals(200, page.status());
        assertShareable(page);
        assertNoSecrets(page.body());
        Document doc = page.doc();
        assertEquals("Wer unterstützt den Aufruf?", doc.selectFirst("h1").text());
        List<String> lands = doc.select(".land-group h2").eachText();
        assertEquals(List.of("Hessen", "Bayern", "Außerhalb Deutschlands"), lands);
        Element hessen = doc.selectFirst("#land-06").parent();
        assertTrue(hessen.text().contains("Frankfurt am Main"), hessen.text());
        assertTrue(hessen.text().contains("Oberbürgermeister:in: Anna Amtlich"), hessen.text());
        assertTrue(
                hessen.text().contains("Stadträt:in / Gemeinderät:in / Ratsmitglied"),
                hessen.text());
        assertTrue(doc.selectFirst("#land-09").parent().text().contains("München"));
        assertTrue(page.text().contains("In der Liste: 3 Kommunen"), page.text());

        Web.Page search = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?q=muenchen");
        assertEquals(List.of("Bayern"), search.doc().select(".land-group h2").eachText());
        assertTrue(search.text().contains("1 Kommune passt zu „muenchen“"), search.text());
        Web.Page byName = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?q=Anna");
        assertEquals(List.of("Hessen"), byName.doc().select(".land-group h2").eachText());
        assertTrue(
                web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?q=Gerda")
                        .text()
                        .contains("0 Kommunen passen"),
                "a hidden name cannot be found either");

        Web.Page english = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer?lang=en");
        assertShareable(english);
        assertEquals("Who supports the appeal?", english.doc().selectFirst("h1").text());
        assertEquals("en", english.doc().selectFirst("html").attr("lang"));
        // the language is decided by the URL alone: a language cookie or header does not change the
        // bytes
        Web.Page withCookie =
                web.get(
                        "/aufrufe/" + appeal.slug() + "/unterstuetzer",
                        "Cookie",
                        "lang=en",
                        "Accept-Language",
                        "en");
        assertEquals(page.body(), withCookie.body());
        assertEquals(404, web.get("/aufrufe/gibt-es-nicht/unterstuetzer").status());
    }

    @Test
    void supportersPageIsPaged() {
        Appeal big =
                fixtures.appeal(
                        "Viele",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        List<String> ags =
                db
                        .rows(
                                "SELECT ags FROM municipality WHERE land_code = '03' ORDER BY ags LIMIT 60")
                        .stream()
                        .map(r -> (String) r.get("ags"))
                        .toList();
        for (String a : ags) {
            insert(big, a, null, "N " + a, "MAYOR", true, "CONFIRMED", "2025-11-02 09:00:00");
        }
        Web.Page first = web.get("/aufrufe/" + big.slug() + "/unterstuetzer");
        assertEquals(50, first.doc().select(".places > li").size());
        assertTrue(first.text().contains("Seite 1 von 2"), first.text());
        Web.Page second = web.get(first.doc().selectFirst("a[rel=next]").attr("href"));
        assertEquals(10, second.doc().select(".places > li").size());
        assertTrue(second.text().contains("Seite 2 von 2"));
    }

    @Test
    void downloadsCarryPublicFieldsOnly() throws Exception {
        Web.Page csv = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer.csv");
        assertEquals(200, csv.status());
        assertShareable(csv);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains(".csv"));
        assertNoSecrets(csv.body());
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertEquals(
                "Land-Schlüssel;Land;AGS;Staat;Kommune;Funktion (Code);Funktion;Name;bestätigt (UTC)",
                lines[0]);
        assertEquals(5, lines.length, csv.body());
        assertTrue(
                csv.body()
                        .contains(
                                "06;Hessen;06412000;DE;Frankfurt am Main;LORD_MAYOR;Oberbürgermeister:in;Anna Amtlich;2025-11-02T09:00:00Z"),
                csv.body());
        assertTrue(
                csv.body()
                        .contains(
                                "06;Hessen;06412000;DE;Frankfurt am Main;COUNCILLOR;Stadträt:in / Gemeinderät:in / Ratsmitglied;;"),
                csv.body());

        Web.Page json = web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer.json");
        assertEquals(200, json.status());
        assertShareable(json);
        assertNoSecrets(json.body());
        assertEquals(3, json(json).get("municipalities").size());
        assertTrue(json.body().contains("Anna Amtlich"));
    }

    @Test
    void anAppealWithoutNamesShowsNoneAnywhere() {
        db.update("UPDATE appeal SET publish_names = FALSE WHERE id = ?", appeal.id());
        for (String path :
                List.of(
                        "/aufrufe/" + appeal.slug() + "/unterstuetzer",
                        "/aufrufe/" + appeal.slug() + "/unterstuetzer.csv",
                        "/aufrufe/" + appeal.slug() + "/unterstuetzer.json",
                        "/api/v1/appeals/" + appeal.slug() + "/municipalities")) {
            Web.Page page = web.get(path);
            assertEquals(200, page.status(), path);
            assertFalse(page.body().contains("Anna Amtlich"), path);
            assertFalse(page.body().contains("Zora Zürich"), path);
            assertTrue(page.body().contains("Frankfurt am Main"), path);
        }
    }

    @Test
    void timelineIsAnSvgChartWithTheSameDataAsATable() {
        Web.Page page = web.get("/aufrufe/" + appeal.slug() + "/verlauf");
        assertEquals(200, page.status());
        assertShareable(page);
        Document doc = page.doc();
        Element svg = doc.selectFirst("figure.chart svg");
        assertNotNull(svg);
        assertEquals("img", svg.attr("role"));
        assertTrue(svg.attr("aria-label").contains("3 Kommunen"), svg.attr("aria-label"));
        assertTrue(svg.selectFirst("path.line.places").attr("d").startsWith("M"));
        assertFalse(svg.select("path.line.signatures").isEmpty());
        assertEquals(3, svg.select(".bars rect").size(), "new municipalities on three days");
        // 1 November (opening) to 20 November (today): one row per day
        List<Element> rows = doc.select(".timeline-table tbody tr");
        assertEquals(20, rows.size());
        assertEquals("01.11.2025 0 0 0 0", rows.get(0).text());
        assertEquals("02.11.2025 1 1 1 1", rows.get(1).text());
        assertEquals("05.11.2025 1 2 2 3", rows.get(4).text());
        assertEquals("20.11.2025 0 3 0 4", rows.get(19).text());
        assertNotNull(
                web.get("/aufrufe/" + appeal.slug() + "/unterstuetzer")
                        .doc()
                        .selectFirst("figure.chart svg"),
                "the supporters page includes the timeline");
    }

    @Test
    void widgetAndBadgeInBothLanguages() {
        Web.Page de = web.get("/aufrufe/" + appeal.slug() + "/widget");
        assertEquals(200, de.status());
        assertShareable(de);
        assertNull(de.header("X-Frame-Options"), "the widget is made to be framed");
        assertEquals("3 Kommunen", de.doc().selectFirst(".w-count strong").text());
        assertTrue(de.text().contains("Kommunen unterstützen den Aufruf"));
        assertTrue(de.text().contains("Aufruf lesen und mitzeichnen"));
        assertEquals("_blank", de.doc().selectFirst(".w-cta a").attr("target"));
        Web.Page en = web.get("/aufrufe/" + appeal.slug() + "/widget?lang=en");
        assertShareable(en);
        assertTrue(en.text().contains("municipalities support the appeal"), en.text());
        assertEquals(
                "/aufrufe/" + appeal.slug() + "?lang=en",
                en.doc().selectFirst(".w-cta a").attr("href"));

        Web.Page badge = web.get("/aufrufe/" + appeal.slug() + "/badge.svg");
        assertEquals(200, badge.status());
        assertShareable(badge);
        assertTrue(badge.header("Content-Type").startsWith("image/svg+xml"));
        assertTrue(badge.body().contains(">3 Kommunen</text>"), badge.body());
        assertTrue(
                web.get("/aufrufe/" + appeal.slug() + "/badge.svg?lang=en")
                        .body()
                        .contains(">3 municipalities<"));
        assertEquals(404, web.get("/aufrufe/gibt-es-nicht/badge.svg").status());
    }

    @Test
    void openApiDocumentListsEveryPublicApiRouteAndNothingElse() {
        Web.Page doc = web.get("/api/openapi.yml");
        assertEquals(200, doc.status());
        assertShareable(doc);
        assertEquals("*", doc.header("Access-Control-Allow-Origin"));
        String yml =
                new String(doc.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertTrue(yml.startsWith("openapi: 3"), yml);
        List<String> paths =
                yml.lines().filter(l -> l.matches("^  /.*:$")).map(String::trim).toList();
        assertEquals(
                List.of(
                        "/api/v1/alliances:",
                        "/api/v1/alliances/{slug}:",
                        "/api/v1/alliances/{slug}/members:",
                        "/api/v1/appeals:",
                        "/api/v1/appeals/{slug}:",
                        "/api/v1/appeals/{slug}/municipalities:",
                        "/api/v1/municipalities:"),
                paths);

        Web.Page page = web.get("/api");
        assertEquals(200, page.status());
        assertShareable(page);
        assertEquals("Offene Schnittstelle", page.doc().selectFirst("h1").text());
        assertTrue(page.text().contains("GET /api/v1/appeals/{slug}/municipalities"));
        assertEquals("Open API", web.get("/api?lang=en").doc().selectFirst("h1").text());
    }

    @Test
    void appealPageLinksToTheSupportersAndItsConsentTextSaysWhatAppearsThere() {
        Web.Page page = web.get("/aufrufe/" + appeal.slug());
        assertEquals(200, page.status());
        Element link =
                page.doc()
                        .selectFirst(
                                ".transparency-links a[href=/aufrufe/"
                                        + appeal.slug()
                                        + "/unterstuetzer]");
        assertNotNull(link, page.body());
        String consent = page.doc().selectFirst("input[name=publicName]").parent().text();
        assertTrue(
                consent.contains(
                        "Name, Funktion und Kommune stehen dann in der öffentlichen Liste der Unterstützer"),
                consent);
        assertTrue(
                consent.contains("Ohne Häkchen erscheinen dort nur Kommune und Funktion"), consent);
        Web.Page english = web.get("/aufrufe/" + appeal.slug() + "?lang=en");
        assertNotNull(
                english.doc()
                        .selectFirst(
                                ".transparency-links a[href=/aufrufe/"
                                        + appeal.slug()
                                        + "/unterstuetzer?lang=en]"));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.entries().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
