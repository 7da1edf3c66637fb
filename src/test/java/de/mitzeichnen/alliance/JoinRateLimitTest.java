package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.JoinTestSupport.confirmLink;
import static de.mitzeichnen.alliance.JoinTestSupport.declare;
import static de.mitzeichnen.alliance.JoinTestSupport.mails;
import static de.mitzeichnen.alliance.JoinTestSupport.pressButton;
import static de.mitzeichnen.alliance.JoinTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign form's rate limits apply to declarations of joining, in buckets of their own per
 * alliance (3/5m per client address, 4/1h per mail domain, 2/1h confirmations here). Beyond them
 * the form answers 429 with Retry-After, stores nothing and sends nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.limits.sign", value = "3/5m")
@Property(name = "mitzeichnen.limits.sign-domain", value = "4/1h")
@Property(name = "mitzeichnen.limits.confirm", value = "2/1h")
class JoinRateLimitTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Alliances alliances;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;
    Alliance alliance;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        base = URI.create(server.getURL().toString());
        Organiser organiser = fixtures.organiser("Stadt Limit");
        alliance =
                JoinTestSupport.publicAlliance(alliances, organiser, accounts.organiser(organiser));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    Web client() {
        return new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
    }

    /** An address on a domain of its own, so that only the client address limit applies. */
    static String ownDomain() {
        return JoinTestSupport.email("amt-" + UUID.randomUUID().toString().substring(0, 8) + ".de");
    }

    long stored(String email) {
        return db.count("SELECT COUNT(*) FROM alliance_join WHERE email = ?", email);
    }

    @Test
    void perClientAddress() {
        Web one = client();
        for (int i = 0; i < 3; i++) {
            assertEquals(303, declare(one, alliance, validForm(ownDomain()), "de").status());
        }
        String fourth = ownDomain();
        Web.Page refused = declare(one, alliance, validForm(fourth), "de");
        assertEquals(429, refused.status());
        assertNotNull(refused.header("Retry-After"));
        assertTrue(refused.text().contains("Zu viele Anfragen"), refused.text());
        assertEquals(0, stored(fourth));
        // another client address is not held up
        assertEquals(303, declare(client(), alliance, validForm(ownDomain()), "de").status());
    }

    @Test
    void perMailDomain() {
        String domain = "amt-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
        for (int i = 0; i < 4; i++) {
            String email = JoinTestSupport.email(domain);
            assertEquals(303, declare(client(), alliance, validForm(email), "de").status());
        }
        String fifth = JoinTestSupport.email(domain);
        assertEquals(429, declare(client(), alliance, validForm(fifth), "de").status());
        assertEquals(0, stored(fifth));
    }

    @Test
    void confirmationsPerClientAddress() {
        Web one = client();
        String email = ownDomain();
        declare(client(), alliance, validForm(email), "de");
        String link = confirmLink(mails(email, 1).get(0));
        assertEquals(404, pressButton(one, JoinPages.CONFIRM + "x".repeat(43)).status());
        assertEquals(404, pressButton(one, JoinPages.CONFIRM + "y".repeat(43)).status());
        assertEquals(429, pressButton(one, link).status());
        assertEquals(
                "PENDING_CONFIRMATION",
                db.row("SELECT state FROM alliance_join WHERE email = ?", email).get("state"));
        assertEquals(200, pressButton(client(), link).status());
    }
}
