package de.mitzeichnen.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log and the exports speak the reader's language, not codes. */
@MicronautTest(transactional = false)
class AuditInWordsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject AuditLog audit;
    @Inject Db db;

    URI base;
    Organiser city;
    Account account;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Worte");
        account = accounts.organiser(city);
        appeal =
                fixtures.appeal(
                        city,
                        "Aufruf in Worten",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
    }

    /** The details cell of the newest entry with this action label. */
    static String details(Web.Page page, String action) {
        return page.doc().select("table.audit tbody tr").stream()
                .filter(tr -> tr.selectFirst("td.action").text().equals(action))
                .map(tr -> tr.selectFirst("td.details").text())
                .findFirst()
                .orElse("(no entry " + action + ")");
    }

    @Test
    void auditEntriesAreInWordsInGermanAndInEnglish() {
        // a real failed login with a wrong password
        Web stranger = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web.Page failed =
                stranger.postForm(
                        "/verwaltung/anmelden",
                        "/verwaltung/anmelden",
                        Web.form("email", account.email(), "password", "falsch-falsch-falsch"));
        assertFalse(failed.status() == 303, failed.body());
        // what publishing and closing early write (AppealStore.transition)
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("from", "DRAFT");
        published.put("to", "OPEN");
        audit.record(
                new Actor(account.id(), account.email(), null),
                "APPEAL_PUBLISHED",
                city.id(),
                appeal.id(),
                published);
        Map<String, Object> closed = new LinkedHashMap<>();
        closed.put("from", "OPEN");
        closed.put("to", "CLOSED");
        closed.put("plannedDeadline", "2025-12-03T22:59:59Z");
        audit.record(
                new Actor(account.id(), account.email(), null),
                "APPEAL_CLOSED",
                city.id(),
                appeal.id(),
                closed);

        Web web = accounts.signedIn(base, account);
        // a real export with filters
        assertEquals(
                200,
                web.download(
                                "/verwaltung/aufrufe/"
                                        + appeal.slug()
                                        + "/export.csv?verified=true&land=06")
                        .statusCode());
        Web.Page page = awaitEntry(web, "Export");

        assertEquals("Grund: falsches Passwort", details(page, "Anmeldung fehlgeschlagen"));
        assertEquals("von: Entwurf zu: Offen", details(page, "Aufruf veröffentlicht"));
        assertEquals(
                "von: Offen zu: Beendet geplante Frist: 3. Dezember 2025, 23:59 Uhr",
                details(page, "Aufruf vorzeitig beendet"));
        assertEquals(
                "Format: CSV Auswahl: nur bestätigte, nur geprüfte, Land 06 Zeilen: 0",
                details(page, "Export"));
        for (String code :
                List.of("DRAFT", "wrong-password", "withProblems", "confirmed,verified")) {
            assertFalse(page.text().contains(code), code + " shown as a code");
        }

        Web.Page english = web.withHeader("Accept-Language", "en").get("/verwaltung/protokoll");
        assertEquals("reason: wrong password", details(english, "Sign-in failed"));
        assertEquals("from: Draft to: Open", details(english, "Appeal published"));
    }

    /** The export is recorded after the download has streamed; wait for its entry. */
    Web.Page awaitEntry(Web web, String action) {
        long until = System.currentTimeMillis() + 10_000;
        Web.Page page;
        do {
            page = web.get("/verwaltung/protokoll");
        } while (details(page, action).startsWith("(no entry")
                && System.currentTimeMillis() < until);
        return page;
    }

    @Test
    void exportsShowTrustLevelsInWords() {
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', 'w@gmail.example', 'w@gmail.example', 'Wera Wort', 'MAYOR', '06412000', true,
                  'v1', NOW(6), 'de', ?, 'EMAIL_ONLY', 'FREEMAIL', 1, NOW(6), NOW(6), NOW(6), NOW(6))""",
                appeal.id(),
                "e".repeat(64));
        Web web = accounts.signedIn(base, account);
        HttpResponse<byte[]> csv =
                web.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains(";nur E-Mail bestätigt (Freemail-Adresse);"), text);
        assertFalse(text.contains("EMAIL_ONLY"), text);
        String english =
                new String(
                        web.withHeader("Accept-Language", "en")
                                .download("/verwaltung/aufrufe/" + appeal.slug() + "/export.csv")
                                .body(),
                        StandardCharsets.UTF_8);
        assertTrue(english.contains(";e-mail confirmed only (free-mail address);"), english);
    }
}
