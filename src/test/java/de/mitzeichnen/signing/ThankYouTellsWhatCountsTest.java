package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.text;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thank-you page and the mail after confirming tell a signer who is not yet counted publicly
 * exactly that, and what happens next; only a counted signer reads that the signature counts.
 */
@MicronautTest(transactional = false)
class ThankYouTellsWhatCountsTest {

    static final String KASSEL = "06611000";

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject MailDomains domains;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Ehrlich danken",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    record Confirmed(Web.Page page, String mail) {}

    Confirmed signAndConfirm(String email, String lang) {
        // the browser's language, as a signer's browser sends it
        Web browser =
                new Web(URI.create(server.getURL().toString())).withHeader("Accept-Language", lang);
        Map<String, String> form = validForm(email);
        form.put("municipality", KASSEL);
        form.put("role", "COUNCILLOR");
        assertEquals(303, sign(browser, appeal.slug(), form).status());
        Web.Page thanks = pressButton(browser, link(mails(email, 1).get(0), "/bestaetigen/"));
        assertEquals(200, thanks.status());
        MimeMessage confirmed = mails(email, 2).get(1);
        return new Confirmed(thanks, text(confirmed));
    }

    static String unique(String who, String domain) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    @Test
    void aFreeMailCouncillorIsToldTheSignatureWaitsInGerman() {
        Confirmed c = signAndConfirm(unique("rat", "gmail.com"), "de");
        String page = c.page().doc().selectFirst("main").text();
        assertEquals(
                "Vielen Dank – Ihre Unterschrift ist bestätigt",
                c.page().doc().selectFirst("h1").text());
        assertFalse(page.contains("zählt!"), page);
        assertFalse(page.contains("unterstützt jetzt"), page);
        assertTrue(page.contains("Öffentlich gezählt wird sie noch nicht"), page);
        assertTrue(page.contains("zum Beispiel mit einem Anruf im Rathaus"), page);
        assertTrue(page.contains("Kassel"), page);
        assertFalse(c.mail().contains("wird gezählt"), c.mail());
        assertTrue(c.mail().contains("Öffentlich gezählt wird sie noch nicht"), c.mail());
        assertTrue(c.mail().contains("prüft Ihre Unterschrift"), c.mail());
        // and the public page indeed counts nothing for Kassel
        assertFalse(
                web.get("/aufrufe/" + appeal.slug())
                        .doc()
                        .select(".supporters")
                        .text()
                        .contains("Kassel"));
    }

    @Test
    void aFreeMailCouncillorIsToldTheSignatureWaitsInEnglish() {
        Confirmed c = signAndConfirm(unique("councillor", "gmail.com"), "en");
        String page = c.page().doc().selectFirst("main").text();
        assertEquals(
                "Thank you – your signature is confirmed", c.page().doc().selectFirst("h1").text());
        assertFalse(page.contains("counts!"), page);
        assertTrue(page.contains("It is not counted publicly yet"), page);
        assertTrue(page.contains("by a call to the town hall"), page);
        assertTrue(c.mail().contains("It is not counted publicly yet"), c.mail());
        assertTrue(c.mail().contains("checks your signature"), c.mail());
        assertFalse(c.mail().contains("and counted"), c.mail());
    }

    @Test
    void anOfficialAddressCountsAndIsToldSoInBothLanguages() {
        domains.addDomain(KASSEL, "kassel.de", "test", true);
        Confirmed de = signAndConfirm(unique("rat", "kassel.de"), "de");
        assertEquals(
                "Vielen Dank – Ihre Unterschrift zählt!", de.page().doc().selectFirst("h1").text());
        assertTrue(de.page().text().contains("Kassel unterstützt jetzt den Aufruf"));
        assertTrue(de.mail().contains("ist bestätigt und wird gezählt"), de.mail());
        assertFalse(de.mail().contains("noch nicht"), de.mail());

        Confirmed en = signAndConfirm(unique("councillor", "kassel.de"), "en");
        assertEquals(
                "Thank you – your signature counts!", en.page().doc().selectFirst("h1").text());
        assertTrue(en.mail().contains("is confirmed and counted"), en.mail());
    }
}
