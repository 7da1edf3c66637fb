package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PasswordResetTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject PasswordResets resets;
    @Inject Passwords passwords;
    @Inject AccountRepository accountRepository;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        clock.set(Instant.parse("2026-05-04T08:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private Web browser() {
        return new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
    }

    @Test
    void askingForALinkStoresOnlyTheHashOfA256BitTokenAndAnswersTheSameForUnknownAddresses() {
        Account account = accounts.admin();
        Web web = browser();
        Web.Page known =
                web.postForm(
                        "/verwaltung/passwort-vergessen",
                        "/verwaltung/passwort-vergessen",
                        Web.form("email", account.email().toUpperCase()));
        String nobody = Fixtures.unique("niemand") + "@test.example";
        Web.Page unknown =
                web.postForm(
                        "/verwaltung/passwort-vergessen",
                        "/verwaltung/passwort-vergessen",
                        Web.form("email", nobody));
        for (Web.Page page : new Web.Page[] {known, unknown}) {
            assertEquals(200, page.status());
            assertTrue(
                    page.text()
                            .contains(
                                    "Wenn es einen Zugang mit dieser E-Mail-Adresse gibt, haben wir einen Link"),
                    page.text());
        }
        Map<String, Object> row =
                db.row(
                        "SELECT token_hash, CAST(created_at AS CHAR) AS c, CAST(expires_at AS CHAR) AS e,"
                                + " used_at FROM password_reset WHERE account_id = ?",
                        account.id());
        assertTrue(row.get("token_hash").toString().matches("[0-9a-f]{64}"));
        assertEquals("2026-05-04 08:00:00.000000", row.get("c"));
        assertEquals("2026-05-04 09:00:00.000000", row.get("e"));
        assertEquals(null, row.get("used_at"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = 'PASSWORD_RESET_REQUESTED'",
                        account.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM outbox_message WHERE recipient = ?",
                        account.email()));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", nobody));
        // Asking again right away sends no second link (no mail floods).
        web.postForm(
                "/verwaltung/passwort-vergessen",
                "/verwaltung/passwort-vergessen",
                Web.form("email", account.email()));
        assertEquals(
                1,
                db.count("SELECT COUNT(*) FROM password_reset WHERE account_id = ?", account.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM outbox_message WHERE recipient = ?",
                        account.email()));

        Web.Page invalid =
                web.postForm(
                        "/verwaltung/passwort-vergessen",
                        "/verwaltung/passwort-vergessen",
                        Web.form("email", "kein-at-zeichen"));
        assertEquals(422, invalid.status());
        assertTrue(invalid.text().contains("Bitte geben Sie eine gültige E-Mail-Adresse ein."));
    }

    @Test
    void theMailCarriesALinkWithA256BitTokenThatSetsTheNewPassword() throws Exception {
        Account account = accounts.admin();
        Web web = browser();
        web.postForm(
                "/verwaltung/passwort-vergessen?lang=en",
                "/verwaltung/passwort-vergessen",
                Web.form("email", account.email()));
        MimeMessage mail =
                TestSmtp.awaitMessagesTo(account.email(), 1, Duration.ofSeconds(15)).get(0);
        assertEquals("Mitzeichnen: reset your password", mail.getSubject());
        String text = plainText(mail);
        Matcher link =
                Pattern.compile("https?://\\S+(/verwaltung/passwort-neu/([A-Za-z0-9_-]+))")
                        .matcher(text);
        assertTrue(link.find(), text);
        String token = link.group(2);
        assertEquals(43, token.length(), "32 random bytes, base64url");
        assertEquals(
                Secrets.sha256(token),
                db.row("SELECT token_hash FROM password_reset WHERE account_id = ?", account.id())
                        .get("token_hash"));
        assertTrue(
                text.contains("The link is valid until 4 May 2026, 11:00 and can be used once."),
                text);
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM outbox_message WHERE kind = 'security.password-reset' AND recipient = ?",
                        account.email()));

        Web.Page form = web.get(link.group(1));
        assertEquals(200, form.status());
        Web.Page done =
                web.postWithToken(
                        Web.csrf(form),
                        link.group(1),
                        Map.of(
                                "password",
                                "aus-der-mail-gesetzt",
                                "confirmation",
                                "aus-der-mail-gesetzt"));
        assertEquals(303, done.status(), done.text());
        assertTrue(
                passwords.matches(
                        "aus-der-mail-gesetzt",
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = plainText(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void theLinkSetsANewPasswordOnceEndsAllSessionsAndIsThenUsedUp() {
        Account account = accounts.admin();
        Web oldSession = accounts.signedIn(base, account);
        PasswordResets.Issued issued =
                resets.request(account.email(), "test", Locale.GERMAN).orElseThrow();
        String path = "/verwaltung/passwort-neu/" + issued.token();

        Web web = browser();
        Web.Page form = web.get(path);
        assertEquals(200, form.status());
        assertEquals("no-referrer", form.header("Referrer-Policy"));
        Web.Page tooShort =
                web.postWithToken(
                        Web.csrf(form), path, Map.of("password", "kurz", "confirmation", "kurz"));
        assertEquals(422, tooShort.status());
        assertTrue(tooShort.text().contains("mindestens 12 Zeichen lang"));
        Web.Page mismatch =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of(
                                "password",
                                "neues-langes-Passwort",
                                "confirmation",
                                "anderes-langes-Passwort"));
        assertEquals(422, mismatch.status());
        assertTrue(mismatch.text().contains("Die beiden Eingaben stimmen nicht überein."));

        Web.Page done =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of(
                                "password",
                                "neues-langes-Passwort",
                                "confirmation",
                                "neues-langes-Passwort"));
        assertEquals(303, done.status(), done.text());
        assertEquals("/verwaltung/anmelden?passwort=1", done.header("Location"));
        assertTrue(
                web.get(done.header("Location")).text().contains("Ihr Passwort wurde geändert."));
        Account changed = accountRepository.findById(account.id()).orElseThrow();
        assertTrue(passwords.matches("neues-langes-Passwort", changed.passwordHash()));
        assertFalse(passwords.matches(ConsoleAccounts.PASSWORD, changed.passwordHash()));
        assertEquals(
                303,
                oldSession.get("/verwaltung").status(),
                "sessions from before the reset have ended");
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = 'PASSWORD_RESET'",
                        account.id()));

        Web.Page again = web.get(path);
        assertEquals(410, again.status());
        assertTrue(again.text().contains("ungültig, abgelaufen oder wurde schon benutzt"));
        Web.Page reuse =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of(
                                "password",
                                "drittes-langes-Passwort",
                                "confirmation",
                                "drittes-langes-Passwort"));
        assertEquals(410, reuse.status());
        assertTrue(
                passwords.matches(
                        "neues-langes-Passwort",
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));
        assertEquals(
                303,
                web.postForm(
                                "/verwaltung/anmelden",
                                "/verwaltung/anmelden",
                                Web.form(
                                        "email",
                                        account.email(),
                                        "password",
                                        "neues-langes-Passwort"))
                        .status());
    }

    @Test
    void aLinkExpiresAfterOneHourAndOtherLinksEndWithTheReset() {
        Account account = accounts.admin();
        PasswordResets.Issued first =
                resets.request(account.email(), "test", Locale.GERMAN).orElseThrow();
        clock.advance(Duration.ofMinutes(59));
        Web web = browser();
        assertEquals(200, web.get("/verwaltung/passwort-neu/" + first.token()).status());
        PasswordResets.Issued second =
                resets.request(account.email(), "test", Locale.GERMAN).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        Web.Page expired = web.get("/verwaltung/passwort-neu/" + first.token());
        assertEquals(410, expired.status());
        Web.Page late =
                web.postWithToken(
                        Web.csrf(web.get("/verwaltung/anmelden")),
                        "/verwaltung/passwort-neu/" + first.token(),
                        Map.of(
                                "password",
                                "zu-spaet-gesetzt-123",
                                "confirmation",
                                "zu-spaet-gesetzt-123"));
        assertEquals(410, late.status());
        assertTrue(
                passwords.matches(
                        ConsoleAccounts.PASSWORD,
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));

        assertTrue(resets.reset(second.token(), "rechtzeitig-gesetzt-1", "test").isPresent());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM password_reset WHERE account_id = ? AND used_at IS NULL",
                        account.id()));
        assertTrue(
                resets.reset(second.token(), "noch-einmal-gesetzt-1", "test").isEmpty(),
                "single use");
        assertEquals(410, web.get("/verwaltung/passwort-neu/nicht-einmal-ein-token").status());
    }

    @Test
    void disabledAccountsGetNoLink() {
        Account account = accounts.admin();
        db.update("UPDATE account SET enabled = FALSE WHERE id = ?", account.id());
        assertTrue(resets.request(account.email(), "test", Locale.GERMAN).isEmpty());
        assertEquals(
                0,
                db.count("SELECT COUNT(*) FROM password_reset WHERE account_id = ?", account.id()));
    }
}
