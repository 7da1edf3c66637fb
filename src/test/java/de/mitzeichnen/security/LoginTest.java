package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class LoginTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject AccountRepository accountRepository;

    URI base;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private Web browser() {
        return new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
    }

    private static Web.Page login(Web web, String email, String password) {
        return web.postForm(
                "/verwaltung/anmelden",
                "/verwaltung/anmelden",
                Web.form("email", email, "password", password));
    }

    @Test
    void anonymousVisitorsOfTheConsoleAreSentToTheLoginPageAndBackAfterwards() {
        Web web = browser();
        Web.Page page = web.get("/verwaltung/protokoll");
        assertEquals(303, page.status());
        assertEquals(
                "/verwaltung/anmelden?weiter=%2Fverwaltung%2Fprotokoll", page.header("Location"));
        assertEquals(303, web.get("/verwaltung").status());
        assertEquals(303, web.get("/verwaltung/gibt-es-nicht").status());

        Account admin = accounts.admin();
        Web.Page form = web.get(page.header("Location"));
        assertEquals(200, form.status());
        assertEquals("/verwaltung/protokoll", form.doc().selectFirst("input[name=weiter]").val());
        Web.Page after =
                web.postWithToken(
                        Web.csrf(form),
                        "/verwaltung/anmelden",
                        Web.form(
                                "email",
                                "  " + admin.email().toUpperCase() + " ",
                                "password",
                                ConsoleAccounts.PASSWORD,
                                "weiter",
                                "/verwaltung/protokoll"));
        assertEquals(303, after.status(), after.body());
        assertEquals("/verwaltung/protokoll", after.header("Location"));
        assertEquals(200, web.get("/verwaltung/protokoll").status());
        // Signed in, unknown console pages are the normal 404 page.
        Web.Page missing = web.get("/verwaltung/gibt-es-nicht");
        assertEquals(404, missing.status());
        assertTrue(missing.text().contains("Seite nicht gefunden"));
        assertNotNull(
                db.row("SELECT last_login_at FROM account WHERE id = ?", admin.id())
                        .get("last_login_at"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = 'LOGIN_SUCCEEDED'",
                        admin.id()));
    }

    @Test
    void theLoginNeverSendsPeopleOutsideTheConsole() {
        assertEquals("/verwaltung", LoginPages.safeNext("https://evil.example/"));
        assertEquals("/verwaltung", LoginPages.safeNext("//evil.example"));
        assertEquals("/verwaltung", LoginPages.safeNext("/verwaltung/../aufrufe"));
        assertEquals("/verwaltung", LoginPages.safeNext("/aufrufe/x"));
        assertEquals("/verwaltung/aufrufe/5", LoginPages.safeNext("/verwaltung/aufrufe/5"));
    }

    @Test
    void sessionCookieIsHttpOnlyLaxAndLimitedToTheConsole() {
        Account admin = accounts.admin();
        Web web = browser();
        Web.Page after = login(web, admin.email(), ConsoleAccounts.PASSWORD);
        String cookie =
                after.raw().headers().allValues("Set-Cookie").stream()
                        .filter(h -> h.startsWith(Sessions.COOKIE + "="))
                        .findFirst()
                        .orElseThrow();
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly"), cookie);
        assertTrue(lower.contains("samesite=lax"), cookie);
        assertTrue(lower.contains("path=/verwaltung"), cookie);
        assertFalse(lower.contains("secure"), "plain http base URL: " + cookie);
        assertFalse(lower.contains("max-age"), "a browser-session cookie: " + cookie);
    }

    @Test
    void wrongPasswordAndUnknownAddressGetTheSameMessageAndNothingElse() {
        Account admin = accounts.admin();
        Web web = browser();
        Web.Page wrong = login(web, admin.email(), "falsches-Passwort-123");
        Web.Page unknown =
                login(web, Fixtures.unique("niemand") + "@test.example", "falsches-Passwort-123");
        for (Web.Page page : new Web.Page[] {wrong, unknown}) {
            assertEquals(401, page.status());
            assertTrue(
                    page.text().contains("E-Mail-Adresse oder Passwort ist falsch."), page.text());
            assertNull(page.header("Location"));
            assertFalse(
                    page.raw().headers().allValues("Set-Cookie").stream()
                            .anyMatch(h -> h.startsWith("mz_session=")));
        }
        // The typed address is kept, the password never.
        assertEquals(admin.email(), wrong.doc().selectFirst("input[name=email]").val());
        assertEquals("", wrong.doc().selectFirst("input[name=password]").val());
        assertEquals(303, web.get("/verwaltung").status());
        Map<String, Object> entry =
                db.row(
                        "SELECT action, details FROM audit_entry WHERE account_id = ? ORDER BY id DESC LIMIT 1",
                        admin.id());
        assertEquals("LOGIN_FAILED", entry.get("action"));
        assertFalse(entry.get("details").toString().contains("falsches"), "no password in the log");

        Web.Page empty = login(web, "", "");
        assertEquals(422, empty.status());
        assertTrue(empty.text().contains("Bitte geben Sie E-Mail-Adresse und Passwort ein."));
        Web.Page en =
                web.postForm(
                        "/verwaltung/anmelden?lang=en",
                        "/verwaltung/anmelden",
                        Web.form("email", admin.email(), "password", "nope-nope-nope"));
        assertTrue(en.text().contains("E-mail address or password is wrong."), en.text());
    }

    @Test
    void wrongPasswordsFromElsewhereNeverLockTheRightOneOut() {
        clock.set(Instant.parse("2026-02-10T09:00:00Z"));
        Account admin = accounts.admin();
        Web attacker = browser();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(attacker, admin.email(), "falsch-" + i + "-xxxxxxxx").status());
        }
        // The attacker's address is throttled for this account, even with the right password …
        Web.Page blocked = login(attacker, admin.email(), ConsoleAccounts.PASSWORD);
        assertEquals(429, blocked.status());
        assertTrue(
                blocked.text()
                        .contains(
                                "Zu viele fehlgeschlagene Anmeldeversuche für diese E-Mail-Adresse von Ihrem"
                                        + " Anschluss"),
                blocked.text());
        // … while the admin, from another address, logs in at once.
        assertEquals(303, login(browser(), admin.email(), ConsoleAccounts.PASSWORD).status());
        // The reset link can always be asked for, throttled or not.
        Web.Page forgot =
                attacker.postForm(
                        "/verwaltung/passwort-vergessen",
                        "/verwaltung/passwort-vergessen",
                        Web.form("email", admin.email()));
        assertEquals(200, forgot.status());

        // Growing delays: one minute after the fifth failure, then two after the sixth.
        clock.advance(Duration.ofSeconds(59));
        assertEquals(429, login(attacker, admin.email(), "falsch-5-xxxxxxxx").status());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(401, login(attacker, admin.email(), "falsch-6-xxxxxxxx").status());
        assertEquals(429, login(attacker, admin.email(), ConsoleAccounts.PASSWORD).status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(429, login(attacker, admin.email(), ConsoleAccounts.PASSWORD).status());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertEquals(303, login(attacker, admin.email(), ConsoleAccounts.PASSWORD).status());

        // An address nobody has is throttled the same way, so the message tells nothing.
        String nobody = Fixtures.unique("niemand") + "@test.example";
        Web guesser = browser();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(guesser, nobody, "falsch-" + i + "-xxxxxxxx").status());
        }
        assertEquals(429, login(guesser, nobody, "egal-egal-egal").status());
    }

    @Test
    void theDelayDoublesUpToFifteenMinutes() {
        assertEquals(Duration.ofMinutes(1), LoginThrottle.delay(0, Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(8), LoginThrottle.delay(3, Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delay(4, Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delay(400, Duration.ofMinutes(15)));
    }

    @Test
    void twentyFailuresFromOneAddressBlockThatAddressForEveryAccount() {
        clock.set(Instant.parse("2026-02-11T09:00:00Z"));
        Web attacker = browser();
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    401,
                    login(attacker, Fixtures.unique("opfer") + "@test.example", "raten-raten-" + i)
                            .status());
        }
        Account admin = accounts.admin();
        Web.Page blocked = login(attacker, admin.email(), ConsoleAccounts.PASSWORD);
        assertEquals(429, blocked.status());
        assertTrue(
                blocked.text()
                        .contains("Zu viele fehlgeschlagene Anmeldeversuche von Ihrem Anschluss"),
                blocked.text());
        assertEquals(
                303,
                login(browser(), admin.email(), ConsoleAccounts.PASSWORD).status(),
                "other addresses are fine");
    }

    @Test
    void logoutEndsTheSessionEvenForACopiedCookie() {
        Account admin = accounts.admin();
        Web web = accounts.signedIn(base, admin);
        String copied = web.cookie(Sessions.COOKIE);
        Web.Page page = web.get("/verwaltung");
        assertEquals(200, page.status());
        Web.Page out = web.postWithToken(Web.csrf(page), "/verwaltung/abmelden", Map.of());
        assertEquals(303, out.status());
        assertEquals("/verwaltung/anmelden?abgemeldet=1", out.header("Location"));
        assertTrue(web.get(out.header("Location")).text().contains("Sie sind abgemeldet."));
        assertEquals(303, web.get("/verwaltung").status());

        Web replay = browser();
        Web.Page replayed = replay.get("/verwaltung", "Cookie", Sessions.COOKIE + "=" + copied);
        assertEquals(303, replayed.status());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = 'LOGOUT'",
                        admin.id()));
    }

    @Test
    void aDisabledAccountCannotLogInAndItsSessionsStopAtTheNextRequest() {
        Account admin = accounts.admin();
        Web web = accounts.signedIn(base, admin);
        assertEquals(200, web.get("/verwaltung").status());
        db.update("UPDATE account SET enabled = FALSE WHERE id = ?", admin.id());
        Web.Page next = web.get("/verwaltung");
        assertEquals(303, next.status());
        assertTrue(next.header("Location").startsWith("/verwaltung/anmelden"));
        Web.Page again = login(browser(), admin.email(), ConsoleAccounts.PASSWORD);
        assertEquals(401, again.status());
        assertTrue(again.text().contains("Dieser Zugang ist gesperrt."), again.text());
    }

    @Test
    void theSessionEndsAfterTwoIdleHoursAndActivityKeepsItAlive() {
        clock.set(Instant.parse("2026-03-01T08:00:00Z"));
        Account admin = accounts.admin();
        Web web = accounts.signedIn(base, admin);
        clock.advance(Duration.ofMinutes(110));
        Web.Page active = web.get("/verwaltung");
        assertEquals(200, active.status());
        assertTrue(
                active.raw().headers().allValues("Set-Cookie").stream()
                        .anyMatch(h -> h.startsWith("mz_session=")),
                "activity re-issues the cookie");
        clock.advance(Duration.ofMinutes(110));
        assertEquals(
                200, web.get("/verwaltung").status(), "220 minutes after login, but only 110 idle");
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        Web.Page expired = web.get("/verwaltung");
        assertEquals(303, expired.status());
        assertEquals("/verwaltung/anmelden?abgelaufen=1", expired.header("Location"));
        assertTrue(
                web.get(expired.header("Location"))
                        .text()
                        .contains("Ihre Sitzung ist abgelaufen."));
    }

    @Test
    void theSessionEndsTwelveHoursAfterLoginHoweverActiveItIs() {
        clock.set(Instant.parse("2026-03-01T08:00:00Z"));
        Account admin = accounts.admin();
        Web web = accounts.signedIn(base, admin);
        for (int i = 1; i <= 7; i++) {
            clock.advance(Duration.ofMinutes(100));
            assertEquals(200, web.get("/verwaltung").status(), i * 100 + " minutes after login");
        }
        clock.advance(Duration.ofMinutes(21));
        Web.Page expired = web.get("/verwaltung");
        assertEquals(303, expired.status(), "12 h 1 min after login, 21 minutes idle");
        assertEquals("/verwaltung/anmelden?abgelaufen=1", expired.header("Location"));
    }

    @Test
    void aSessionCookieSignedWithAnotherSecretIsRejected() throws Exception {
        Account admin = accounts.admin();
        long now = clock.instant().getEpochSecond();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader(JWSAlgorithm.HS256),
                        new JWTClaimsSet.Builder()
                                .subject(String.valueOf(admin.id()))
                                .claim("roles", List.of("PLATFORM_ADMIN"))
                                .claim("sid", Secrets.randomToken(18))
                                .claim("epoch", 0)
                                .claim("login", now)
                                .claim("iat", now)
                                .build());
        jwt.sign(new MACSigner(Secrets.hmac("ein-ganz-anderes-Geheimnis".getBytes(), "x")));
        Web web = browser();
        Web.Page page = web.get("/verwaltung", "Cookie", Sessions.COOKIE + "=" + jwt.serialize());
        assertEquals(303, page.status());
        assertTrue(page.header("Location").startsWith("/verwaltung/anmelden"));
        // Tampering with a genuine cookie (another account id in the claims) is rejected too.
        Web real = accounts.signedIn(base, admin);
        String genuine = real.cookie(Sessions.COOKIE);
        String[] parts = genuine.split("\\.");
        Base64.Decoder dec = Base64.getUrlDecoder();
        String claims =
                new String(dec.decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(
                                "\"sub\":\"" + admin.id() + "\"",
                                "\"sub\":\"" + (admin.id() + 1) + "\"");
        parts[1] =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        assertTrue(claims.contains("\"sub\":\"" + (admin.id() + 1) + "\""), claims);
        assertEquals(
                303,
                browser()
                        .get(
                                "/verwaltung",
                                "Cookie",
                                Sessions.COOKIE + "=" + String.join(".", parts))
                        .status());
        assertEquals(
                200,
                browser().get("/verwaltung", "Cookie", Sessions.COOKIE + "=" + genuine).status());
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        Account admin = accounts.admin();
        String hash = accountRepository.findById(admin.id()).orElseThrow().passwordHash();
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains(ConsoleAccounts.PASSWORD));
    }
}
