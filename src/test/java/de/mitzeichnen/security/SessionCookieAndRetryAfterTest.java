package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session token counts only in its HttpOnly cookie; throttled logins say when to come back. */
@MicronautTest(transactional = false)
class SessionCookieAndRetryAfterTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;

    URI base;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theSessionTokenInABearerHeaderCountsForNothing() {
        Web signedIn = accounts.signedIn(base, accounts.admin());
        String token = signedIn.cookie(Sessions.COOKIE);
        assertEquals(200, signedIn.get("/verwaltung/konten").status());

        Web.Page bearer =
                new Web(base).get("/verwaltung/konten", "Authorization", "Bearer " + token);
        assertEquals(303, bearer.status());
        assertTrue(bearer.header("Location").startsWith("/verwaltung/anmelden"));
        // the same token in the cookie is a valid session
        Web.Page cookie =
                new Web(base).get("/verwaltung/konten", "Cookie", Sessions.COOKIE + "=" + token);
        assertEquals(200, cookie.status());
    }

    @Test
    void aThrottledLoginAnswers429WithRetryAfterInSeconds() {
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        Account admin = accounts.admin();
        Web attacker = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(attacker, admin.email(), "falsch-" + i + "-xxxxxxxx").status());
        }
        Web.Page blocked = login(attacker, admin.email(), ConsoleAccounts.PASSWORD);
        assertEquals(429, blocked.status());
        assertEquals("60", blocked.header("Retry-After"));
        clock.advance(Duration.ofSeconds(45));
        assertEquals("15", login(attacker, admin.email(), "x").header("Retry-After"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals(303, login(attacker, admin.email(), ConsoleAccounts.PASSWORD).status());
    }

    private static Web.Page login(Web web, String email, String password) {
        return web.postForm(
                "/verwaltung/anmelden",
                "/verwaltung/anmelden",
                Web.form("email", email, "password", password));
    }
}
