package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * „Mein Konto": a user sees their open sessions and changes their own password with the current
 * one; the new one is checked like every other, and the change ends every session of the account.
 */
@MicronautTest(transactional = false)
class OwnPasswordChangeTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Passwords passwords;
    @Inject AccountRepository accountRepository;
    @Inject Db db;

    @Test
    void theCurrentPasswordIsAskedTheNewOneCheckedAndEverySessionEnds() {
        URI base = URI.create(server.getURL().toString());
        Account account = accounts.organiser(fixtures.organiser("Stadt Eigenes Passwort"));
        Web web = accounts.signedIn(base, account);
        Web other = accounts.signedIn(base, account);
        Web.Page page = web.get("/verwaltung/mein-konto");
        assertEquals(200, page.status());
        Document doc = page.doc();
        assertEquals(2, doc.select("#sitzungen + div tbody tr").size());
        assertEquals(1, doc.select("#sitzungen + div strong").size(), "this session is marked");
        String action = "/verwaltung/mein-konto/passwort";

        Web.Page wrong =
                web.postWithToken(
                        Web.csrf(page),
                        action,
                        Map.of(
                                "current", "nicht-das-richtige",
                                "password", "Tulpen blühen im April am Mainufer",
                                "confirmation", "Tulpen blühen im April am Mainufer"));
        assertEquals(422, wrong.status());
        assertEquals(
                "Das bisherige Passwort stimmt nicht.",
                wrong.doc().selectFirst("#current-error").text());
        Web.Page weak =
                web.postWithToken(
                        Web.csrf(page),
                        action,
                        Map.of(
                                "current", ConsoleAccounts.PASSWORD,
                                "password", "hallo1234567",
                                "confirmation", "hallo1234567"));
        assertEquals(422, weak.status());
        assertTrue(
                weak.doc()
                        .selectFirst("#password-error")
                        .text()
                        .contains("am häufigsten benutzten"));
        assertTrue(
                passwords.matches(
                        ConsoleAccounts.PASSWORD,
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()),
                "nothing changed yet");

        Web.Page done =
                web.postWithToken(
                        Web.csrf(page),
                        action,
                        Map.of(
                                "current", ConsoleAccounts.PASSWORD,
                                "password", "Tulpen blühen im April am Mainufer",
                                "confirmation", "Tulpen blühen im April am Mainufer"));
        assertEquals(303, done.status(), done.body());
        assertEquals("/verwaltung/anmelden?passwort=1", done.header("Location"));
        assertEquals(303, web.get("/verwaltung").status());
        assertEquals(303, other.get("/verwaltung").status());
        assertTrue(
                passwords.matches(
                        "Tulpen blühen im April am Mainufer",
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'PASSWORD_CHANGED' AND"
                                + " actor_email = ?",
                        account.email()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'PASSWORD_CHANGE_FAILED'"
                                + " AND actor_email = ?",
                        account.email()));
    }
}
