package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * „N von M" at the size the issue names (1,000 members): the numbers are right, and what they add
 * to a render of the appeal page — today's memberships and the aggregate's rows of just those
 * places — stays small. Prints the time per render with and without the alliance (the render cache
 * is off in tests, so every GET renders).
 */
@MicronautTest(transactional = false)
class AppealMembersAtScaleTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject Memberships memberships;
    @Inject Places places;
    @Inject AllianceAppeals allianceAppeals;
    @Inject SupportRecount recount;
    @Inject AppealMembers appealMembers;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void aThousandMembersSixHundredOfThemSignedAndTheRenderStaysCheap() {
        clock.set(NOW);
        Organiser city = fixtures.organiser("Stadt Tausend");
        Alliance alliance = data.alliance(city, true);
        List<String> ags =
                db
                        .rows(
                                "SELECT ags FROM municipality WHERE active = TRUE ORDER BY population DESC LIMIT 1000")
                        .stream()
                        .map(r -> r.get("ags").toString())
                        .toList();
        assertEquals(1000, ags.size());
        List<Memberships.NewMember> rows = new ArrayList<>();
        for (String a : ags) {
            rows.add(
                    new Memberships.NewMember(
                            places.resolve(a, "DE").target(),
                            LocalDate.parse("2019-06-14"),
                            null,
                            null,
                            null));
        }
        assertEquals(1000, memberships.addAll(alliance, rows, Actor.system(), Map.of()));
        Appeal appeal =
                data.appeal(
                        city,
                        "Tausend Mitglieder",
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"));
        Appeal plain =
                data.appeal(
                        city,
                        "Ohne Bündnis",
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"));
        for (Appeal a : List.of(appeal, plain)) {
            for (String m : ags.subList(0, 600)) {
                db.update(
                        """
                        INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                          public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                          trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                        VALUES (?, 'CONFIRMED', ?, ?, 'N. N.', 'MAYOR', ?, FALSE, 'v1', NOW(6), 'de', ?,
                                'OFFICIAL_DOMAIN', 1, NOW(6), '2025-12-05 09:00:00', NOW(6), NOW(6))""",
                        a.id(),
                        UUID.randomUUID() + "@stadt.example",
                        UUID.randomUUID() + "@stadt.example",
                        m,
                        "b".repeat(64));
            }
            recount.recount(a.id());
        }
        assertTrue(allianceAppeals.link(alliance, appeal, Actor.system()));

        Web web = new Web(URI.create(server.getURL().toString()));
        assertEquals(
                "600 von 1.000 Mitgliedern haben unterzeichnet",
                web.get("/aufrufe/" + appeal.slug())
                        .doc()
                        .selectFirst(".alliance-share span")
                        .text());
        // the numbers without a render, to see what they cost apart from the page
        for (int i = 0; i < 10; i++) {
            appealMembers.share(appeal);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            appealMembers.share(appeal);
        }
        long share = (System.nanoTime() - t0) / 30 / 1_000;
        long with = millisPerRender(web, appeal);
        long without = millisPerRender(web, plain);
        System.out.printf(
                "[bench] appeal page with 600 supporting places: %d ms per render with an alliance of 1,000"
                        + " members (N von M), %d ms without; N von M alone %d µs%n",
                with, without, share);
        // a generous bound that only a query per member (or over the signatures) would break
        assertTrue(with < without + 250, with + " ms against " + without + " ms");
    }

    static long millisPerRender(Web web, Appeal appeal) {
        for (int i = 0; i < 5; i++) {
            web.get("/aufrufe/" + appeal.slug());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, web.get("/aufrufe/" + appeal.slug()).status());
        }
        return (System.nanoTime() - t0) / 20 / 1_000_000;
    }
}
