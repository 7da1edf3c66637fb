package de.mitzeichnen.accessibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accessibility statement, the feedback form and the Leichte Sprache page through HTTP, with an
 * operator's configuration: public and cacheable, linked from every footer, every bad field named,
 * and a valid message arriving at the operator's address (GreenMail) with the sender as Reply-To.
 */
@MicronautTest(transactional = false)
@Property(
        name = "mitzeichnen.accessibility.feedback-email",
        value = AccessibilityPagesTest.OPERATOR)
@Property(
        name = "mitzeichnen.accessibility.dgs-video-url",
        value = "https://medien.stadt.example/dgs/mitzeichnen.mp4")
@Property(
        name = "mitzeichnen.accessibility.arbitration",
        value =
                "Ombudsstelle für barrierefreie IT des Landes | Musterweg 1 | 12345 Landeshauptstadt")
@Property(
        name = "mitzeichnen.accessibility.non-accessible",
        value = "Alte Aufrufe vor 2025 | Die Karte")
@Property(name = "mitzeichnen.accessibility.checked-on", value = "2026-11-30")
class AccessibilityPagesTest {

    static final String OPERATOR = "barrierefreiheit@stadt.example";
    static final String FORM = "/barrierefreiheit/rueckmeldung";

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Db db;

    URI base;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
    }

    private Web browser() {
        return new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
    }

    private long outboxRows() {
        return db.count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", OPERATOR);
    }

    @Test
    void thePagesArePublicCacheableInBothLanguagesAndLinkedFromEveryFooter() {
        Web web = browser();
        Map<String, String> headings =
                Map.of(
                        "/barrierefreiheit",
                        "Erklärung zur Barrierefreiheit",
                        "/barrierefreiheit?lang=en",
                        "Accessibility statement",
                        FORM,
                        "Barriere melden",
                        FORM + "?lang=en",
                        "Report a barrier",
                        "/leichte-sprache",
                        "Mitzeichnen in Leichter Sprache",
                        "/leichte-sprache?lang=en",
                        "Mitzeichnen in Easy Read",
                        FORM + "/danke",
                        "Danke für Ihre Rückmeldung");
        for (Map.Entry<String, String> e : headings.entrySet()) {
            Web.Page page = web.get(e.getKey());
            assertEquals(200, page.status(), e.getKey());
            assertEquals(e.getValue(), page.doc().selectFirst("h1").text(), e.getKey());
            assertTrue(page.header("Cache-Control").contains("public"), e.getKey());
            assertNull(page.header("Set-Cookie"), e.getKey());
            assertTrue(page.header("ETag") != null, e.getKey());
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal appeal =
                fixtures.appeal(
                        "Fußzeilen-Aufruf",
                        AppealStatus.OPEN,
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(5, ChronoUnit.DAYS));
        for (String path :
                List.of(
                        "/",
                        "/?lang=en",
                        "/aufrufe/" + appeal.slug(),
                        "/datenschutz",
                        "/daten",
                        "/barrierefreiheit",
                        "/gibt-es-nicht")) {
            Web.Page page = web.get(path);
            List<String> footer =
                    page.doc().select("footer a").stream().map(a -> a.attr("href")).toList();
            assertTrue(footer.contains("/barrierefreiheit"), path + ": " + footer);
            assertTrue(footer.contains(FORM), path + ": " + footer);
            assertTrue(footer.contains("/leichte-sprache"), path + ": " + footer);
        }
    }

    @Test
    void theStatementShowsWhatTheOperatorConfigured() {
        Web.Page de = browser().get("/barrierefreiheit");
        String text = de.text();
        assertTrue(text.contains("teilweise vereinbar"), text);
        assertTrue(text.contains("Alte Aufrufe vor 2025"), text);
        assertTrue(text.contains("Die Karte"), text);
        assertFalse(text.contains("Die Texte der Aufrufe schreiben"), "shipped list replaced");
        assertTrue(text.contains("30. November 2026"), text);
        assertTrue(text.contains("Ombudsstelle für barrierefreie IT des Landes"), text);
        assertFalse(text.contains("Mauerstraße 53"), "the federal body is replaced");
        Element mail = de.doc().selectFirst("main a[href=mailto:" + OPERATOR + "]");
        assertTrue(mail != null, "the feedback address is on the statement");
        assertTrue(de.doc().selectFirst("main a[href^=/barrierefreiheit/rueckmeldung]") != null);

        Web.Page en = browser().get("/barrierefreiheit?lang=en");
        assertTrue(en.text().contains("partially compliant"), en.text());
        assertTrue(en.text().contains("Arbitration procedure"), en.text());
    }

    @Test
    void theStartPageExplainsInEasyReadAndShowsTheSignLanguageVideo() {
        Web.Page page = browser().get("/");
        Element section = page.doc().selectFirst("section.access-intro");
        assertTrue(section != null, page.body());
        assertEquals("Leichte Sprache und Gebärdensprache", section.selectFirst("h2").text());
        assertTrue(section.text().contains("Ein Aufruf ist ein Brief an die Politik."));
        assertTrue(section.selectFirst("a[href=/leichte-sprache?lang=de]") != null, section.html());
        Element video = section.selectFirst("video");
        assertEquals("https://medien.stadt.example/dgs/mitzeichnen.mp4", video.attr("src"));
        assertTrue(
                page.header("Content-Security-Policy")
                        .contains("media-src 'self' https://medien.stadt.example"),
                page.header("Content-Security-Policy"));
    }

    @Test
    void everyBadFieldGetsAClearMessageInTheReadersLanguageAndNothingIsSent() {
        Web web = browser();
        long before = outboxRows();

        Web.Page empty = web.post(FORM + "?lang=de", Map.of());
        assertEquals(422, empty.status());
        assertTrue(empty.doc().title().startsWith("Fehler: "), empty.doc().title());
        assertEquals(
                List.of(
                        "Bitte beschreiben Sie, was nicht funktioniert.",
                        "Bitte geben Sie Ihre E-Mail-Adresse an, damit wir Ihnen antworten können."),
                empty.doc().select("[data-error-summary] li").eachText());
        assertEquals("true", empty.doc().getElementById("message").attr("aria-invalid"));
        assertEquals("true", empty.doc().getElementById("email").attr("aria-invalid"));

        Web.Page wrong =
                web.post(
                        FORM + "?lang=de",
                        Web.form(
                                "message", "x".repeat(5001),
                                "page", "p".repeat(501),
                                "name", "n".repeat(201),
                                "email", "kein-at-zeichen"));
        assertEquals(422, wrong.status());
        assertEquals(
                List.of(
                        "Bitte kürzen Sie Ihre Nachricht auf höchstens 5.000 Zeichen.",
                        "Bitte geben Sie die Seite mit höchstens 500 Zeichen an.",
                        "Bitte geben Sie Ihren Namen mit höchstens 200 Zeichen an.",
                        "Das ist keine gültige E-Mail-Adresse."),
                wrong.doc().select("[data-error-summary] li").eachText());
        // what was typed stays in the form
        assertEquals("kein-at-zeichen", wrong.doc().getElementById("email").val());
        assertEquals(5001, wrong.doc().getElementById("message").text().length());

        Web.Page english =
                web.post(FORM + "?lang=en", Web.form("message", "Zu klein", "email", "a@"));
        assertEquals(422, english.status());
        assertTrue(english.text().contains("This is not a valid e-mail address."), english.text());
        assertFalse(english.text().contains("Please describe"), "the message was given");

        assertEquals(before, outboxRows(), "no mail for a bad form");
    }

    @Test
    void aValidMessageArrivesAtTheOperatorWithTheSenderAsReplyTo() throws Exception {
        String marker = Fixtures.unique("barriere");
        String sender = Fixtures.unique("leser") + "@gemeinde.example";
        Web.Page sent =
                browser()
                        .post(
                                FORM + "?lang=en",
                                Web.form(
                                        "message",
                                        "The map cannot be reached with the keyboard. " + marker,
                                        "page",
                                        "/aufrufe/migration-als-chance",
                                        "name",
                                        "Kim Leserin",
                                        "email",
                                        sender));
        assertEquals(303, sent.status(), sent.body());
        assertEquals(FORM + "/danke?lang=en", sent.header("Location"));
        Web.Page thanks = browser().get(sent.header("Location"));
        assertEquals("Thank you for your feedback", thanks.doc().selectFirst("h1").text());

        MimeMessage mail = awaitWith(marker);
        assertEquals("Rückmeldung zur Barrierefreiheit", Mails.subject(mail));
        assertEquals(sender, ((InternetAddress) mail.getReplyTo()[0]).getAddress());
        String text = Mails.text(mail);
        assertTrue(text.contains("The map cannot be reached with the keyboard. " + marker), text);
        assertTrue(text.contains("Seite: /aufrufe/migration-als-chance"), text);
        assertTrue(text.contains("Name: Kim Leserin"), text);
        assertTrue(text.contains("E-Mail-Adresse: " + sender), text);
        assertTrue(text.contains("Sprache der Seite: Englisch"), text);
        assertTrue(text.contains("/barrierefreiheit"), text);
        // nothing goes to the sender: the form cannot send mail to third parties
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", sender));
    }

    private MimeMessage awaitWith(String marker) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            for (MimeMessage m : TestSmtp.messagesTo(OPERATOR)) {
                if (Mails.text(m).contains(marker)) {
                    return m;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no mail with " + marker + " arrived at " + OPERATOR);
    }

    @Test
    void aPostFromAnotherSiteIsRefusedAndSendsNothing() {
        long before = outboxRows();
        Web.Page refused =
                browser()
                        .post(
                                FORM,
                                Web.form("message", "Barriere", "email", "a@gemeinde.example"),
                                "Sec-Fetch-Site",
                                "cross-site",
                                "Origin",
                                "https://boese.example");
        assertEquals(403, refused.status());
        assertEquals(before, outboxRows());
    }

    @Test
    void beyondFiveMessagesAnHourFromOneAddressTheAnswerIs429() {
        Web web = browser();
        Map<String, String> form =
                Web.form("message", "Noch eine Barriere", "email", "viel@gemeinde.example");
        for (int i = 0; i < 5; i++) {
            assertEquals(303, web.post(FORM, form).status(), "message " + (i + 1));
        }
        long before = outboxRows();
        Web.Page limited = web.post(FORM, form);
        assertEquals(429, limited.status());
        assertTrue(limited.header("Retry-After") != null);
        assertEquals(before, outboxRows());
    }
}
