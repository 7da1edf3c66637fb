package de.mitzeichnen.signing;

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
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The support shown on an appeal's public page: the map's shading and outlines, places abroad,
 * recent supporters.
 */
@MicronautTest(transactional = false)
class AppealPageSupportTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject SupportRecount recount;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        appeal =
                fixtures.appeal(
                        fixtures.organiser("Stadt Frankfurt am Main"),
                        "Karten-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Text");
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

    /**
     * A confirmed signature on an official domain (counted publicly), for a municipality, a Kreis
     * or a place abroad.
     */
    void confirmed(
            String ags,
            String kreis,
            Long foreignId,
            String name,
            String role,
            boolean publicName,
            String confirmedAt) {
        String email = UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, district_ags,
                  foreign_municipality_id, public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, ?, ?, ?, ?, ?, ?, 'v1', NOW(6), 'de', ?, 'OFFICIAL_DOMAIN', 1, NOW(6), ?,
                        NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                name,
                role,
                ags,
                kreis,
                foreignId,
                publicName,
                "b".repeat(64),
                confirmedAt);
    }

    @Test
    void mapShadesSupportingLaenderByShareAndOutlinesSupportingKreiseAndListsPlacesAbroad() {
        confirmed(
                "06412000", null, null, "Anna Amtlich", "LORD_MAYOR", true, "2025-11-02 09:00:00");
        confirmed(
                null,
                "06631",
                null,
                "Lara Landrätin",
                "DISTRICT_ADMINISTRATOR",
                true,
                "2025-11-03 09:00:00");
        confirmed(
                null,
                null,
                foreign("CH", "Zürich-" + UUID.randomUUID().toString().substring(0, 4)),
                "Zora Zürich",
                "MAYOR",
                true,
                "2025-11-04 09:00:00");
        recount.recount(appeal.id());

        Document doc = web.get("/aufrufe/" + appeal.slug()).doc();
        Element svg = doc.selectFirst("figure.map svg");
        assertNotNull(svg, doc.html());
        assertNotNull(svg.selectFirst("desc"));
        // Hessen (one of its municipalities supports) is shaded; Schleswig-Holstein (none) is not
        Element hessen = svg.selectFirst("use.land-share[data-land=06]");
        assertNotNull(hessen, svg.outerHtml());
        double opacity = Double.parseDouble(hessen.attr("fill-opacity"));
        assertTrue(opacity > 0 && opacity <= 1, hessen.outerHtml());
        assertEquals("#land-06", hessen.attr("href"));
        assertNotNull(svg.selectFirst("defs > path#land-06[d^=M]"));
        assertNull(svg.selectFirst(".land-share[data-land=01]"));
        String hessenTitle = svg.selectFirst("use.land[data-land=06] > title").text();
        // one supporter: „unterstützt"; the Landkreis is named on its own
        assertTrue(
                hessenTitle.startsWith("Hessen: 1 von ")
                        && hessenTitle.contains("Kommunen unterstützt den Aufruf")
                        && hessenTitle.endsWith(", dazu 1 Landkreis"),
                hessenTitle);
        // the supporting Landkreis as its outline, with its name
        Element fulda = svg.selectFirst("path.district[data-kreis=06631]");
        assertNotNull(fulda, svg.outerHtml());
        assertTrue(fulda.attr("d").startsWith("M"));
        assertEquals("evenodd", fulda.attr("fill-rule"));
        assertEquals("Landkreis Fulda", fulda.selectFirst("title").text());
        assertEquals(1, svg.select("path.district").size());
        // Zürich beside the map, with its country
        Element abroad = doc.selectFirst("figure.map .abroad");
        assertNotNull(abroad);
        assertTrue(
                abroad.text().contains("Zürich-") && abroad.text().contains("(Schweiz)"),
                abroad.text());
        // attribution
        assertTrue(doc.selectFirst("figure.map figcaption").text().contains("© GeoBasis-DE / BKG"));
        // the share also in the per-Land table
        Element row =
                doc.select("details table tbody tr").stream()
                        .filter(r -> r.child(0).text().equals("Hessen"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(row.child(2).text().endsWith("%"), row.text());
    }

    @Test
    void recentSupportersShowNamesOnlyWithConsentNewestFirstAtMostTen() {
        confirmed(
                "06412000", null, null, "Anna Amtlich", "LORD_MAYOR", true, "2025-11-10 09:00:00");
        confirmed(
                "06412000", null, null, "Gerda Geheim", "COUNCILLOR", false, "2025-11-11 09:00:00");
        for (int i = 0; i < 10; i++) {
            confirmed(
                    "09162000",
                    null,
                    null,
                    "Alt " + i,
                    "COUNCILLOR",
                    true,
                    "2025-11-0" + (i % 9 + 1) + " 08:00:00");
        }
        recount.recount(appeal.id());

        Elements items =
                web.get("/aufrufe/" + appeal.slug())
                        .doc()
                        .select("section.recent ol.recent-list > li");
        assertEquals(10, items.size());
        // newest first: Gerda's office without her name, then Anna with hers
        assertTrue(
                items.get(0).text().startsWith("Frankfurt am Main: Stadträt:in"),
                items.get(0).text());
        assertFalse(items.get(0).text().contains("Gerda"), items.get(0).text());
        assertNull(items.get(0).selectFirst(".name"));
        assertTrue(
                items.get(1).text().contains("Oberbürgermeister:in, Anna Amtlich"),
                items.get(1).text());
        assertTrue(items.get(1).text().contains("10. November 2025"), items.get(1).text());

        // an appeal that publishes no names shows none, consent or not
        db.update("UPDATE appeal SET publish_names = FALSE WHERE id = ?", appeal.id());
        Elements anonymous = web.get("/aufrufe/" + appeal.slug()).doc().select("section.recent li");
        assertEquals(10, anonymous.size());
        assertTrue(anonymous.select(".name").isEmpty(), anonymous.text());
        assertFalse(anonymous.text().contains("Anna"), anonymous.text());
        List<String> places =
                anonymous.stream().map(e -> e.selectFirst("strong").text()).distinct().toList();
        assertEquals(List.of("Frankfurt am Main", "München"), places);
    }
}
