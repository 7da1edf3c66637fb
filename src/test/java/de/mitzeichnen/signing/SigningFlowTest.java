package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.subject;
import static de.mitzeichnen.signing.SigningTestSupport.text;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.AppealText;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.IDN;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole journey of an official, against the real database and a real SMTP server. */
@MicronautTest(transactional = false)
class SigningFlowTest {

    static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    static final Instant DEADLINE = Instant.parse("2025-12-03T22:59:59Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        DEADLINE);
        // this journey is about e-mail-only signatures counting at all; trust is
        // TrustedCountsTest's subject
        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static String email() {
        return "erika-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt-test.example";
    }

    long[] counts() {
        List<String> n = web.get("/aufrufe/" + appeal.slug()).doc().select(".count .n").eachText();
        return n.stream()
                .mapToLong(s -> Long.parseLong(s.replace(".", "").replace(",", "")))
                .toArray();
    }

    Map<String, Object> row(String email) {
        return db.row(
                "SELECT * FROM signature WHERE appeal_id = ? AND email_key = ?",
                appeal.id(),
                email);
    }

    @Test
    void signConfirmCountWithdraw() {
        long frankfurt = db.count("SELECT population FROM municipality WHERE ags = '06412000'");
        assertEquals(0, counts()[0]);
        String email = email();

        Web.Page answer = sign(web, appeal.slug(), validForm(email));
        assertEquals(303, answer.status());
        assertEquals("/aufrufe/" + appeal.slug() + "/bitte-bestaetigen", answer.header("Location"));
        Web.Page pending = web.get(answer.header("Location"));
        assertTrue(
                pending.text().contains("Bitte bestätigen Sie Ihre Unterschrift per E-Mail"),
                pending.text());

        Map<String, Object> stored = row(email);
        assertEquals("PENDING", stored.get("status"));
        assertEquals("Erika Mustermann", stored.get("name"));
        assertEquals("MAYOR", stored.get("role"));
        assertEquals("06412000", stored.get("municipality_ags"));
        assertNotNull(stored.get("gebietsstand"));
        assertEquals("de", stored.get("language"));
        assertEquals(AppealText.hash(appeal), stored.get("appeal_text_hash"));
        assertNotNull(stored.get("privacy_version"));
        assertEquals(64, ((String) stored.get("ip_hash")).length());
        assertFalse(
                stored.values().stream()
                        .anyMatch(v -> v != null && v.toString().contains("127.0.0.1")));

        MimeMessage confirmMail = mails(email, 1).get(0);
        assertEquals(
                "Bitte bestätigen Sie Ihre Unterschrift: Migration als Chance begreifen!",
                subject(confirmMail));
        String confirmPath = link(confirmMail, "/bestaetigen/");
        assertFalse(
                db.rows(
                                "SELECT 1 FROM signature WHERE confirm_token_hash = ?",
                                confirmPath.substring("/bestaetigen/".length()))
                        .iterator()
                        .hasNext(),
                "token stored in clear");

        for (int i = 0; i < 2; i++) {
            Web.Page look = web.get(confirmPath);
            assertEquals(200, look.status());
            assertEquals("no-referrer", look.header("Referrer-Policy"));
            assertTrue(look.text().contains("Erika Mustermann"));
            assertTrue(look.text().contains("Bürgermeister:in"));
            assertTrue(look.text().contains("Frankfurt am Main"));
            assertTrue(look.text().contains("Migration als Chance begreifen!"));
            assertNotNull(
                    look.doc().selectFirst("button:containsOwn(Jetzt verbindlich unterzeichnen)"));
        }
        assertEquals("PENDING", row(email).get("status"), "GET must not change anything");
        assertEquals(0, counts()[1]);

        Web.Page thanks = pressButton(web, confirmPath);
        assertEquals(200, thanks.status());
        assertTrue(thanks.text().contains("Vielen Dank – Ihre Unterschrift zählt!"), thanks.text());
        Map<String, Object> confirmed = row(email);
        assertEquals("CONFIRMED", confirmed.get("status"));
        assertEquals("EMAIL_ONLY", confirmed.get("trust"));
        assertNotNull(confirmed.get("confirmed_at"));

        Web.Page again = pressButton(web, confirmPath);
        assertEquals(200, again.status());
        assertTrue(again.text().contains("Ihre Unterschrift ist bereits bestätigt"), again.text());

        long[] after = counts();
        assertEquals(1, after[0]);
        assertEquals(1, after[1]);
        assertEquals(frankfurt, after[2]);
        Document appealPage = web.get("/aufrufe/" + appeal.slug()).doc();
        assertEquals(1, appealPage.select("figure.map svg circle.supporter").size());
        assertEquals(
                "Frankfurt am Main",
                appealPage.selectFirst("figure.map svg circle.supporter title").text());
        assertEquals(16, appealPage.select("figure.map svg use.land").size());
        assertTrue(
                appealPage
                        .selectFirst("figure.map figcaption")
                        .text()
                        .contains("© GeoBasis-DE / BKG 2021"));
        assertTrue(
                appealPage
                        .select("ul.supporters li")
                        .text()
                        .contains("Frankfurt am Main (Hessen)"));

        MimeMessage confirmedMail = mails(email, 2).get(1);
        assertEquals(
                "Ihre Unterschrift ist bestätigt: Migration als Chance begreifen!",
                subject(confirmedMail));
        String withdrawPath = link(confirmedMail, "/zurueckziehen/");
        Web.Page withdrawPage = web.get(withdrawPath);
        assertEquals(200, withdrawPage.status());
        assertEquals("no-referrer", withdrawPage.header("Referrer-Policy"));
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", confirmed.get("id"))
                        .get("status"));

        Web.Page withdrawn = pressButton(web, withdrawPath);
        assertTrue(
                withdrawn.text().contains("Ihre Unterschrift ist zurückgezogen"), withdrawn.text());
        Map<String, Object> erased =
                db.row("SELECT * FROM signature WHERE id = ?", confirmed.get("id"));
        assertEquals("WITHDRAWN", erased.get("status"));
        assertNull(erased.get("name"));
        assertNull(erased.get("email"));
        assertNull(erased.get("email_key"));
        assertNull(erased.get("ip_hash"));
        assertEquals("06412000", erased.get("municipality_ags"));
        assertEquals(0, counts()[0]);
        assertEquals(0, counts()[1]);
    }

    @Test
    void theAnswerIsTheSameForNewPendingAndConfirmedAddressesOnlyTheMailDiffers() {
        String email = email();
        Web.Page first = sign(web, appeal.slug(), validForm(email));
        String firstLink = link(mails(email, 1).get(0), "/bestaetigen/");

        Web.Page second = sign(web, appeal.slug(), validForm(email));
        MimeMessage resent = mails(email, 2).get(1);
        assertEquals(
                "Bitte bestätigen Sie Ihre Unterschrift: Migration als Chance begreifen!",
                subject(resent));
        String secondLink = link(resent, "/bestaetigen/");
        assertEquals(404, web.get(firstLink).status(), "the older link is replaced");

        pressButton(web, secondLink);
        mails(email, 3);
        Web.Page third = sign(web, appeal.slug(), validForm(email));
        MimeMessage already = mails(email, 4).get(3);
        assertEquals(
                "Sie haben bereits unterzeichnet: Migration als Chance begreifen!",
                subject(already));
        assertFalse(text(already).contains("/bestaetigen/"));

        for (Web.Page p : List.of(first, second, third)) {
            assertEquals(303, p.status());
            assertEquals(first.header("Location"), p.header("Location"));
            assertEquals(first.body(), p.body());
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM signature WHERE email_key = ?", email));
    }

    @Test
    void atMostFiveMailsPerSignature() {
        String email = email();
        for (int i = 0; i < 8; i++) {
            assertEquals(303, sign(web, appeal.slug(), validForm(email)).status());
        }
        List<MimeMessage> four = mails(email, 4);
        awaitOutboxSettled(email);
        assertEquals(
                4,
                SigningTestSupport.mails(email, 4).size(),
                "resending stops, one mail stays reserved");
        // three dispatch threads may deliver the four mails out of order; only the newest link (the
        // current token) confirms, the older ones answer as unknown links and change nothing
        int confirmedBy = 0;
        for (MimeMessage m : four) {
            if (pressButton(web, link(m, "/bestaetigen/")).status() == 200
                    && db.count(
                                    "SELECT COUNT(*) FROM signature WHERE email_key = ?"
                                            + " AND status = 'CONFIRMED'",
                                    email)
                            == 1) {
                confirmedBy++;
                break;
            }
        }
        assertEquals(1, confirmedBy, "one of the four links confirms");
        assertEquals(5, mails(email, 5).size());
        sign(web, appeal.slug(), validForm(email));
        awaitOutboxSettled(email);
        assertEquals(5, SigningTestSupport.mails(email, 5).size());
        assertEquals(5, db.count("SELECT mails_sent FROM signature WHERE email_key = ?", email));
    }

    @Test
    void officialFreemailAndOtherMunicipalityDomainsGiveTheirTrustLevels() {
        String official = "stadt-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String munich = "muenchen-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        db.update(
                "INSERT INTO municipality_domain (ags, domain, source, verified, created_at) VALUES (?, ?, 'test', true, NOW(6))",
                "06412000",
                official);
        db.update(
                "INSERT INTO municipality_domain (ags, domain, source, verified, created_at) VALUES (?, ?, 'test', true, NOW(6))",
                "09162000",
                munich);
        String a = "a-" + UUID.randomUUID().toString().substring(0, 6) + "@rathaus." + official;
        String b = "b-" + UUID.randomUUID().toString().substring(0, 6) + "@gmx.de";
        String c = "c-" + UUID.randomUUID().toString().substring(0, 6) + "@" + munich;
        for (String email : List.of(a, b, c)) {
            sign(web, appeal.slug(), validForm(email));
            pressButton(web, link(mails(email, 1).get(0), "/bestaetigen/"));
        }
        assertEquals("OFFICIAL_DOMAIN", row(a).get("trust"));
        assertNull(row(a).get("trust_flag"));
        assertEquals("EMAIL_ONLY", row(b).get("trust"));
        assertEquals("FREEMAIL", row(b).get("trust_flag"));
        assertEquals("EMAIL_ONLY", row(c).get("trust"));
        assertEquals("OTHER_MUNICIPALITY", row(c).get("trust_flag"));
    }

    @Inject de.mitzeichnen.mail.MailDispatcher dispatcher;

    /**
     * Every mail to {@code email} has been handled (none waiting or being sent), so GreenMail holds
     * all it will get.
     */
    void awaitOutboxSettled(String email) {
        Eventually.await(
                "no mail to " + email + " still waiting or being sent",
                Duration.ofSeconds(15),
                () ->
                        db.count(
                                        "SELECT COUNT(*) FROM outbox_message WHERE recipient = ? AND status IN ('PENDING', 'SENDING')",
                                        email)
                                == 0);
    }

    Map<String, Object> outboxRow(String email) {
        return db.row(
                "SELECT status, attempts, last_error FROM outbox_message WHERE recipient = ?",
                email);
    }

    @Test
    void smtpDownWhileSigningTheMailArrivesOnceWhenItIsBack() {
        String email = email();
        de.mitzeichnen.testsupport.TestSmtp.stop();
        try {
            assertEquals(303, sign(web, appeal.slug(), validForm(email)).status());
            dispatcher.dispatchDue();
            Eventually.await(
                    "a first, failed delivery attempt",
                    Duration.ofSeconds(10),
                    () -> ((Number) outboxRow(email).get("attempts")).intValue() > 0);
            assertEquals("PENDING", outboxRow(email).get("status"));
            assertTrue(((Number) outboxRow(email).get("attempts")).intValue() >= 1);
            assertEquals(0, de.mitzeichnen.testsupport.TestSmtp.messagesTo(email).size());
        } finally {
            de.mitzeichnen.testsupport.TestSmtp.start();
        }
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue();
        assertEquals(1, mails(email, 1).size());
        dispatcher.dispatchDue(); // synchronous: a second delivery would have happened by now
        awaitOutboxSettled(email);
        assertEquals(
                1,
                de.mitzeichnen.testsupport.TestSmtp.messagesTo(email).size(),
                "sent exactly once");
        assertEquals("SENT", outboxRow(email).get("status"));
    }

    @Test
    void aPermanentRejectionMarksTheMailFailedWithTheServersAnswer() {
        String email = email();
        de.mitzeichnen.testsupport.TestSmtp.rejectPermanently(email);
        assertEquals(303, sign(web, appeal.slug(), validForm(email)).status());
        Eventually.await(
                "the mail marked FAILED",
                Duration.ofSeconds(10),
                () -> {
                    dispatcher.dispatchDue();
                    return "FAILED".equals(outboxRow(email).get("status"));
                });
        assertEquals("FAILED", outboxRow(email).get("status"));
        assertTrue(
                String.valueOf(outboxRow(email).get("last_error")).contains("550"),
                String.valueOf(outboxRow(email).get("last_error")));
    }

    @Test
    void foreignMunicipalitiesAndInternationalisedDomains() {
        String email =
                "Stadtrat."
                        + UUID.randomUUID().toString().substring(0, 6)
                        + "@ZÜRICH-Stadt.example";
        Map<String, String> form = validForm(email);
        form.put("country", "CH");
        form.put("municipality", "Zürich");
        form.put("role", "COUNCILLOR");
        assertEquals(303, sign(web, appeal.slug(), form).status());
        Map<String, Object> stored =
                db.row(
                        "SELECT s.*, f.name AS city, f.country FROM signature s"
                                + " JOIN foreign_municipality f ON f.id = s.foreign_municipality_id WHERE s.appeal_id = ?",
                        appeal.id());
        assertEquals("Zürich", stored.get("city"));
        assertEquals("CH", stored.get("country"));
        assertNull(stored.get("municipality_ags"));
        assertTrue(
                ((String) stored.get("email")).endsWith("@zürich-stadt.example"),
                (String) stored.get("email"));
        assertTrue(
                ((String) stored.get("email_key"))
                        .endsWith("@" + IDN.toASCII("zürich-stadt.example")),
                (String) stored.get("email_key"));
    }
}
