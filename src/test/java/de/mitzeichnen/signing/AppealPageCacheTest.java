package de.mitzeichnen.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appeal page is rendered once per render-cache window and shared; each visitor still gets its
 * own form token.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.public-cache.render-ttl", value = "4s")
class AppealPageCacheTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject SupportRecount recount;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    void confirmed(Appeal appeal, String ags) {
        String email = UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                  public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, 'N. N.', 'MAYOR', ?, FALSE, 'v1', NOW(6), 'de', ?, 'OFFICIAL_DOMAIN', 1,
                        NOW(6), '2025-11-05 09:00:00', NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                ags,
                "b".repeat(64));
        recount.recount(appeal.id());
    }

    static String municipalities(Web.Page page) {
        return page.doc().selectFirst(".counts .count .n").text();
    }

    Appeal appeal() {
        Appeal appeal =
                fixtures.appeal(
                        fixtures.organiser("Stadt Kassel"),
                        "Cache-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Text");
        confirmed(appeal, "06412000");
        return appeal;
    }

    @Test
    void sameBytesWithinTheWindowAndFreshNumbersAfterIt() {
        Appeal appeal = appeal();
        String path = "/aufrufe/" + appeal.slug();
        Web anna = new Web(URI.create(server.getURL().toString()));

        Web.Page first = anna.get(path);
        assertEquals(200, first.status());
        assertEquals("1", municipalities(first));
        // a new signature within the window: the same bytes again
        confirmed(appeal, "09162000");
        Web.Page second = anna.get(path);
        assertEquals(first.body(), second.body());

        // after the window: the fresh numbers
        Eventually.await(
                "the page shows the second municipality",
                Duration.ofSeconds(30),
                () -> municipalities(anna.get(path)).equals("2"));
        assertTrue(anna.get(path).text().contains("Kassel"));
    }

    /** While the sign form carries a per-visitor token (until the Origin check replaces it). */
}
