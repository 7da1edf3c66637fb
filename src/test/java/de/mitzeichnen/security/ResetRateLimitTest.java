package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password-reset requests beyond the limit (2/1h here) per client address and per e-mail address:
 * 429.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.limits.reset", value = "2/1h")
class ResetRateLimitTest {

    static final String FORGOT = "/verwaltung/passwort-vergessen";

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;

    URI base;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-03-03T10:00:00Z"));
        base = URI.create(server.getURL().toString());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static Web.Page ask(Web web, String email) {
        return web.postForm(FORGOT, FORGOT, Web.form("email", email));
    }

    @Test
    void oneAddressAskingForManyAccountsGets429WithRetryAfter() {
        Web flooder = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        assertEquals(200, ask(flooder, "a-" + System.nanoTime() + "@test.example").status());
        assertEquals(200, ask(flooder, "b-" + System.nanoTime() + "@test.example").status());
        Web.Page third = ask(flooder, "c-" + System.nanoTime() + "@test.example");
        assertEquals(429, third.status());
        long retry = Long.parseLong(third.header("Retry-After"));
        assertTrue(retry > 0 && retry <= 1800, "Retry-After " + retry);
        assertTrue(third.text().contains("Zu viele Anfragen"), third.text());
        assertTrue(third.text().contains("Minuten erneut"), third.text());

        Web english =
                new Web(base)
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress())
                        .withHeader("Accept-Language", "en");
        ask(english, "d-" + System.nanoTime() + "@test.example");
        ask(english, "e-" + System.nanoTime() + "@test.example");
        Web.Page en = ask(english, "f-" + System.nanoTime() + "@test.example");
        assertEquals(429, en.status());
        assertTrue(en.text().contains("Too many requests"), en.text());

        // half an hour later the bucket holds one request again
        clock.advance(Duration.ofMinutes(31));
        assertEquals(200, ask(flooder, "g-" + System.nanoTime() + "@test.example").status());
    }

    @Test
    void oneAccountAskedForFromManyAddressesGets429AndOnlyTheAllowedMailsGoOut() {
        Account admin = accounts.admin();
        for (int i = 0; i < 2; i++) {
            Web someone =
                    new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
            assertEquals(200, ask(someone, admin.email()).status());
            // the existing rule: at most one link per five minutes
            clock.advance(Duration.ofMinutes(6));
        }
        Web.Page third =
                ask(
                        new Web(base)
                                .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress()),
                        admin.email());
        assertEquals(429, third.status());
        assertEquals(2, TestSmtp.awaitMessagesTo(admin.email(), 2, Duration.ofSeconds(15)).size());
    }
}
