package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo addition for an alliance like „Städte Sicherer Häfen" (the demo data call it once the
 * demo alliance exists): an appeal it runs, contacts of members, their invitations and recorded
 * replies, so that „N von M" shows at once — and a second start adds nothing.
 */
@MicronautTest(transactional = false)
class DemoAllianceAppealTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject DemoAllianceAppeal demo;
    @Inject Appeals appeals;
    @Inject AllianceAppeals allianceAppeals;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void theDemoAppealOfTheAllianceShowsNOfMAtOnce() {
        clock.set(NOW);
        Organiser potsdam = fixtures.organiser("Landeshauptstadt Potsdam");
        Alliance alliance = data.alliance(potsdam, true);
        for (String ags : List.of("12054000", "01002000", "11000000", "01001000")) {
            data.member(alliance, ags, "DE", "2019-06-14", null);
        }
        data.member(alliance, "06534", "DE", "2020-02-20", null);
        data.member(alliance, "Zürich", "CH", "2021-05-01", null);
        data.member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");
        String slug = Fixtures.unique("demo").toLowerCase();

        assertTrue(demo.load(alliance, slug, NOW, NOW.plus(Duration.ofDays(30))));
        Appeal appeal = appeals.bySlug(slug).orElseThrow();
        assertEquals(alliance.id(), allianceAppeals.allianceOf(appeal.id()).orElseThrow());
        assertEquals(
                6,
                db.count(
                        "SELECT COUNT(*) FROM alliance_contact WHERE alliance_id = ?",
                        alliance.id()));
        assertEquals(
                5,
                db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()),
                "every contact but the one abroad");
        String page =
                new Web(URI.create(server.getURL().toString()))
                        .get("/aufrufe/" + slug)
                        .doc()
                        .selectFirst(".alliance-share span")
                        .text();
        assertEquals(
                "2 von 6 Mitgliedern haben unterzeichnet",
                page,
                "Potsdam and Kiel of six members; Kassel has left, Frankfurt is none");
        assertEquals(
                4,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'CONFIRMED'",
                        appeal.id()),
                "all four replies count for the appeal");

        assertFalse(demo.load(alliance, slug, NOW, NOW.plus(Duration.ofDays(30))));
        assertEquals(
                6,
                db.count(
                        "SELECT COUNT(*) FROM alliance_contact WHERE alliance_id = ?",
                        alliance.id()));
    }
}
