package de.mitzeichnen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A development start creates the alliance „Städte Sicherer Häfen" with the 12 founding members of
 * the Potsdamer Erklärung (joined 14.06.2019), a Landkreis, a city abroad and a member that has
 * left; its page can be tried at once. Loading again changes nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.demo", value = "true")
class DemoAllianceTest {

    @Inject EmbeddedServer server;
    @Inject Db db;
    @Inject DemoData demo;

    @Test
    void theDemoAllianceHasItsFoundingMembersALandkreisACityAbroadAndOneThatLeft() {
        demo.load();
        Map<String, Object> alliance =
                db.row("SELECT * FROM alliance WHERE slug = ?", DemoData.ALLIANCE_SLUG);
        long id = ((Number) alliance.get("id")).longValue();
        assertEquals("Städte Sicherer Häfen", alliance.get("name"));
        assertEquals(Boolean.TRUE, alliance.get("public_page"));
        assertEquals(
                12,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND joined_on = '2019-06-14'"
                                + " AND basis = 'Potsdamer Erklärung vom 14.06.2019'",
                        id));
        List<Map<String, Object>> founders =
                db.rows(
                        "SELECT municipality_ags FROM alliance_member WHERE alliance_id = ? AND joined_on = '2019-06-14'"
                                + " ORDER BY municipality_ags",
                        id);
        assertEquals("01001000", founders.get(0).get("municipality_ags"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND district_ags IS NOT NULL",
                        id));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND foreign_municipality_id IS NOT NULL",
                        id));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND left_on IS NOT NULL",
                        id));

        demo.load();
        assertEquals(
                15, db.count("SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ?", id));

        Document page =
                new Web(URI.create(server.getURL().toString()))
                        .get("/buendnisse/" + DemoData.ALLIANCE_SLUG)
                        .doc();
        assertEquals("Städte Sicherer Häfen", page.selectFirst("h1").text());
        assertEquals(List.of("13", "1"), page.select(".counts .count .n").eachText().subList(0, 2));
        assertTrue(page.text().contains("Zürich"), page.text());
    }
}
