package de.mitzeichnen.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PublicPagesTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;

    Web web;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void startPageListsOpenAppealsThenClosedOnesButNoDrafts() {
        Appeal open =
                fixtures.appeal(
                        "Offener Aufruf Eins",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        Appeal closed =
                fixtures.appeal(
                        "Beendeter Aufruf Zwei",
                        AppealStatus.OPEN,
                        Instant.parse("2025-10-01T00:00:00Z"),
                        Instant.parse("2025-11-10T22:59:59Z"));
        fixtures.appeal(
                "Entwurf Drei",
                AppealStatus.DRAFT,
                Instant.parse("2025-11-01T00:00:00Z"),
                Instant.parse("2025-12-03T22:59:59Z"));

        Web.Page page = web.get("/");
        assertEquals(200, page.status());
        String text = page.text();
        assertTrue(text.contains("Offene Aufrufe"), text);
        int openAt = text.indexOf("Offener Aufruf Eins");
        int closedHeading = text.indexOf("Abgeschlossene Aufrufe");
        int closedAt = text.indexOf("Beendeter Aufruf Zwei");
        assertTrue(openAt > 0 && closedHeading > openAt && closedAt > closedHeading, text);
        assertFalse(text.contains("Entwurf Drei"));
        assertTrue(text.contains("Frist: 3. Dezember 2025, 23:59 Uhr"), text);
        assertTrue(text.contains("noch 13 Tage"), text);
        assertNotNull(page.doc().selectFirst("a[href=/aufrufe/" + open.slug() + "]"));
        assertNotNull(page.doc().selectFirst("a[href=/aufrufe/" + closed.slug() + "]"));
    }

    @Test
    void appealPageShowsTitleAddresseeRenderedTextOrganiserAndDeadline() {
        Appeal appeal =
                fixtures.appeal(
                        fixtures.organiser("Stadt Frankfurt am Main"),
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "### Wir fordern:\n\n- **Verlässliche Finanzierung**\n\n<script>alert(1)</script>");
        Web.Page page = web.get("/aufrufe/" + appeal.slug());
        assertEquals(200, page.status());
        Document doc = page.doc();
        assertEquals("Migration als Chance begreifen!", doc.selectFirst("h1").text());
        assertEquals("de", doc.selectFirst("html").attr("lang"));
        assertTrue(page.text().contains("an die Bundesregierung"));
        assertTrue(page.text().contains("Ein Aufruf der Stadt Frankfurt am Main"));
        // the text's own headings start below the page's h1 (Markdown.relevel)
        assertEquals("Wir fordern:", doc.selectFirst(".appeal-text h2").text());
        assertEquals("Verlässliche Finanzierung", doc.selectFirst(".appeal-text li strong").text());
        assertTrue(doc.select(".appeal-text script").isEmpty());
        assertTrue(page.text().contains("Frist: 3. Dezember 2025, 23:59 Uhr"), page.text());
        assertTrue(page.text().contains("noch 13 Tage"));
        assertFalse(page.text().contains("Die Frist ist abgelaufen"));

        clock.set(Instant.parse("2025-12-03T22:59:59Z"));
        Web.Page after = web.get("/aufrufe/" + appeal.slug());
        assertEquals(200, after.status());
        assertTrue(after.text().contains("Die Frist ist abgelaufen"), after.text());
    }

    @Test
    void englishBySwitchRememberedInACookieAndByAcceptLanguage() {
        Appeal appeal =
                fixtures.appeal(
                        "Aufruf für alle",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        Web.Page en = web.get("/aufrufe/" + appeal.slug() + "?lang=en");
        assertEquals("en", en.doc().selectFirst("html").attr("lang"));
        assertTrue(en.text().contains("Deadline: 3 December 2025, 23:59"), en.text());
        assertTrue(en.text().contains("13 days left"));
        // the appeal page is the same for every visitor: the language is in its address, no cookie
        assertNull(en.header("Set-Cookie"));

        Web.Page home = web.get("/?lang=en");
        assertTrue(home.header("Set-Cookie").startsWith("lang=en"), home.header("Set-Cookie"));
        Web.Page remembered = web.get("/");
        assertEquals("en", remembered.doc().selectFirst("html").attr("lang"));
        assertTrue(remembered.text().contains("Open appeals"));

        Web.Page back = web.get("/?lang=de");
        assertTrue(back.text().contains("Offene Aufrufe"));

        Web fresh = new Web(web.base());
        assertTrue(
                fresh.get("/", "Accept-Language", "en-GB,en;q=0.9")
                        .text()
                        .contains("Open appeals"));
        assertTrue(
                fresh.get("/", "Accept-Language", "fr-FR,de;q=0.5")
                        .text()
                        .contains("Offene Aufrufe"));
        assertTrue(fresh.get("/", "Accept-Language", "fr").text().contains("Offene Aufrufe"));
    }

    @Test
    void unknownSlugsAndDraftsAnswerWithTheNotFoundPage() {
        Appeal draft =
                fixtures.appeal(
                        "Geheimer Entwurf",
                        AppealStatus.DRAFT,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        for (String path :
                new String[] {"/aufrufe/nope", "/aufrufe/" + draft.slug(), "/gibt/es/nicht"}) {
            Web.Page page = web.get(path);
            assertEquals(404, page.status(), path);
            assertTrue(page.text().contains("Seite nicht gefunden"), page.text());
            assertFalse(page.text().contains("Geheimer Entwurf"));
            assertNotNull(page.doc().selectFirst("footer"));
        }
        assertTrue(web.get("/aufrufe/nope?lang=en").text().contains("Page not found"));
    }

    @Test
    void anUnexpectedErrorShowsTheFriendlyPageWithoutAStackTrace() {
        Web.Page page = web.get("/test-only/boom");
        assertEquals(500, page.status());
        assertTrue(page.text().contains("Etwas ist schiefgegangen"), page.text());
        assertFalse(page.body().contains("IllegalStateException"));
        assertFalse(page.body().contains("at de.mitzeichnen"));
    }

    @Test
    void dataSourcesPageCarriesTheAttribution() {
        Web.Page page = web.get("/daten");
        assertEquals(200, page.status());
        assertTrue(
                page.text()
                        .contains(
                                "© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD"));
        assertTrue(page.text().contains("© GeoBasis-DE / BKG 2021 (Daten verändert)"));
        assertTrue(web.get("/").text().contains("© GeoBasis-DE / BKG 2021"));
    }

    @Test
    void healthIncludesTheDatabase() {
        Web.Page health = web.get("/health");
        assertEquals(200, health.status());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }
}
