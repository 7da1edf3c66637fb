package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign submissions beyond the per-address (3/5m here) or per-domain (4/1h) limit get the usual
 * answer but are held as suspected, without a mail and without showing anywhere public, until the
 * organiser releases them in the „Auffällig" view (which sends the confirmation mail then) or
 * rejects them.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.limits.sign", value = "3/5m")
@Property(name = "mitzeichnen.limits.sign-domain", value = "4/1h")
@Property(name = "mitzeichnen.limits.confirm", value = "2/1h")
class SignRateLimitTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;
    Organiser organiser;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        base = URI.create(server.getURL().toString());
        organiser = fixtures.organiser("Stadt Limit");
        appeal =
                fixtures.appeal(
                        organiser,
                        "Limit-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-30T21:59:59Z"),
                        "Ein Aufruf.");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static String email() {
        // a domain of its own, so that only the address limit applies
        String u = UUID.randomUUID().toString().substring(0, 8);
        return "p-" + u + "@d" + u + ".example";
    }

    String status(String email) {
        return (String)
                db.row(
                                "SELECT status FROM signature WHERE appeal_id = ? AND email = ?",
                                appeal.id(),
                                email)
                        .get("status");
    }

    @Test
    void beyondTheAddressLimitSubmissionsAreHeldSilentlyAndReleasedByTheOrganiser() {
        Web bot = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = email();
            emails.add(email);
            Web.Page answer = sign(bot, appeal.slug(), validForm(email));
            // the same answer for every one of them
            assertEquals(303, answer.status());
            assertEquals(
                    "/aufrufe/" + appeal.slug() + "/bitte-bestaetigen", answer.header("Location"));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(1, mails(emails.get(i), 1).size());
            assertEquals("PENDING", status(emails.get(i)));
        }
        String held = emails.get(3);
        String rejected = emails.get(4);
        assertEquals("SUSPECTED", status(held));
        assertEquals("SUSPECTED", status(rejected));
        assertEquals(
                2L,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'SUSPECTED'"
                                + " AND confirmed_at IS NULL AND confirm_token_hash IS NULL",
                        appeal.id()));
        // nothing public shows the held ones: no „being checked" line
        assertFalse(bot.get("/aufrufe/" + appeal.slug()).text().contains("geprüft"));

        // After five minutes the address may sign again (the bucket refilled).
        clock.advance(Duration.ofMinutes(5));
        String later = email();
        sign(bot, appeal.slug(), validForm(later));
        assertEquals(1, mails(later, 1).size());

        // The organiser sees them in the trending view …
        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        String view = "/verwaltung/aufrufe/" + appeal.id() + "/auffaellig";
        Web.Page trending = console.get(view);
        assertEquals(200, trending.status());
        assertTrue(trending.text().contains(held), trending.text());
        assertTrue(trending.text().contains(rejected));
        // … the address with its six submissions, two of them held
        assertTrue(
                trending.doc().select("table").get(1).text().contains("6 2"),
                trending.doc().select("table").text());

        long heldId =
                ((Number) db.row("SELECT id FROM signature WHERE email = ?", held).get("id"))
                        .longValue();
        long rejectedId =
                ((Number) db.row("SELECT id FROM signature WHERE email = ?", rejected).get("id"))
                        .longValue();
        Web.Page noReason =
                console.postForm(
                        view, view + "/" + heldId, Map.of("action", "CLEAR", "reason", " "));
        assertEquals(422, noReason.status());
        assertEquals("SUSPECTED", status(held));

        assertEquals(
                303,
                console.postForm(
                                view,
                                view + "/" + heldId,
                                Map.of("action", "CLEAR", "reason", "Kollegin aus dem Rathaus"))
                        .status());
        assertEquals(
                303,
                console.postForm(
                                view,
                                view + "/" + rejectedId,
                                Map.of("action", "REJECT", "reason", "Bot"))
                        .status());
        // Released: pending, and now its confirmation mail goes out; it counts once confirmed.
        assertEquals("PENDING", status(held));
        String confirmLink = link(mails(held, 1).get(0), "/bestaetigen/");
        assertEquals("REJECTED", status(rejected));
        assertEquals(
                0,
                TestSmtp.messagesTo(rejected).size(),
                "a rejected held submission never gets a mail");
        Web signer = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        assertEquals(200, pressButton(signer, URI.create(confirmLink).getPath()).status());
        assertEquals("CONFIRMED", status(held));
        assertEquals(
                2L,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action IN"
                                + " ('SIGNATURE_CLEAR', 'SIGNATURE_REJECT')",
                        appeal.id()));
        assertTrue(console.get(view).text().contains("Nichts zurückgehalten."));
    }

    @Test
    void beyondTheDomainLimitSubmissionsAreHeldWhateverTheAddress() {
        String domain = "gemeinde-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "p" + i + "@" + domain;
            emails.add(email);
            Web someone =
                    new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
            assertEquals(303, sign(someone, appeal.slug(), validForm(email)).status());
        }
        for (int i = 0; i < 4; i++) {
            mails(emails.get(i), 1);
            assertEquals("PENDING", status(emails.get(i)));
        }
        assertEquals("SUSPECTED", status(emails.get(4)));
        assertEquals(0, TestSmtp.messagesTo(emails.get(4)).size());
    }

    @Test
    void confirmationsBeyondTheLimitGet429WithRetryAfter() {
        Web signer = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = email();
            sign(
                    new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress()),
                    appeal.slug(),
                    validForm(email));
            links.add(URI.create(link(mails(email, 1).get(0), "/bestaetigen/")).getPath());
        }
        assertEquals(200, pressButton(signer, links.get(0)).status());
        assertEquals(200, pressButton(signer, links.get(1)).status());
        Web.Page third = pressButton(signer, links.get(2));
        assertEquals(429, third.status());
        assertTrue(Long.parseLong(third.header("Retry-After")) > 0);
        assertTrue(third.text().contains("Zu viele Anfragen"), third.text());
    }
}
