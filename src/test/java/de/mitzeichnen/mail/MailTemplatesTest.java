package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class MailTemplatesTest {

    @Inject MailTemplates templates;

    static final Map<String, Object> MODEL =
            Map.of(
                    "name",
                    "Anna <b>Müller</b>",
                    "appealTitle",
                    "Migration als Chance begreifen!",
                    "organiserName",
                    "Stadt Frankfurt am Main",
                    "municipalityName",
                    "Offenbach am Main",
                    "roleLabel",
                    "Oberbürgermeister:in",
                    "confirmUrl",
                    "https://mitzeichnen.example/bestaetigen/t0k3n?x=1&y=2",
                    "deadlineText",
                    "3. Dezember 2025, 23:59 Uhr",
                    "expiresText",
                    "22. November 2025, 10:00 Uhr");

    @Test
    void signatureConfirmationInGerman() {
        MailTemplates.Rendered r = templates.render("signature-confirm", Locale.GERMAN, MODEL);
        String text = r.text();
        assertTrue(
                text.startsWith(
                        "Stadt Frankfurt am Main über Mitzeichnen\nAufruf „Migration als Chance begreifen!“\n"),
                text);
        assertTrue(text.contains("\nGuten Tag Anna <b>Müller</b>,\n\n"), text);
        assertTrue(
                text.contains(
                        "Sie haben den Aufruf „Migration als Chance begreifen!“ von Stadt Frankfurt am Main mitgezeichnet:"),
                text);
        assertTrue(text.contains("Kommune: Offenbach am Main"), text);
        assertTrue(text.contains("Funktion: Oberbürgermeister:in"), text);
        assertTrue(text.contains("Bitte bestätigen Sie Ihre Unterschrift\n"), text);
        assertTrue(
                text.contains("\nhttps://mitzeichnen.example/bestaetigen/t0k3n?x=1&y=2\n"), text);
        assertTrue(text.contains("Der Link ist gültig bis 22. November 2025, 10:00 Uhr."), text);
        assertTrue(
                text.contains(
                        "Der Aufruf kann bis 3. Dezember 2025, 23:59 Uhr mitgezeichnet werden."),
                text);
        assertTrue(text.contains("Ohne Ihre Bestätigung zählt die Unterschrift nicht"), text);
        assertTrue(text.contains("ignorieren Sie diese E-Mail"), text);
        assertTrue(
                text.endsWith(
                        "\n-- \nDiese E-Mail wurde automatisch von Mitzeichnen verschickt.\n"),
                text);
        assertFalse(
                text.contains("[(")
                        || text.contains("??")
                        || text.contains("/*[-")
                        || text.contains("\n\n\n"),
                text);

        Document html = Jsoup.parse(r.html());
        assertEquals("de", html.selectFirst("html").attr("lang"));
        assertEquals("Bitte bestätigen Sie Ihre Unterschrift", html.title());
        assertEquals(
                2,
                html.select("a[href=https://mitzeichnen.example/bestaetigen/t0k3n?x=1&y=2]")
                        .size());
        assertTrue(
                html.text().contains("Guten Tag Anna <b>Müller</b>,"),
                "the name is text, not markup");
        assertTrue(html.select("b").isEmpty());
        assertTrue(html.text().contains("Offenbach am Main"));
        assertTrue(html.text().contains("Ohne Ihre Bestätigung zählt die Unterschrift nicht"));
        assertFalse(r.html().contains("??"), r.html());
        assertTrue(html.select("link, script, img").isEmpty(), "no external resources");
        assertNotNull(html.selectFirst("td[style]"), "inline styles");
    }

    @Test
    void signatureConfirmationInEnglish() {
        MailTemplates.Rendered r = templates.render("signature-confirm", Locale.ENGLISH, MODEL);
        assertTrue(r.text().contains("Please confirm your signature"), r.text());
        assertTrue(
                r.text().contains("This e-mail was sent automatically by Mitzeichnen."), r.text());
        assertEquals("en", Jsoup.parse(r.html()).selectFirst("html").attr("lang"));
        assertTrue(Jsoup.parse(r.html()).text().contains("Confirm signature"));
    }

    @Test
    void templateNamesCannotLeaveTheMailFolder() {
        assertThrows(
                IllegalArgumentException.class,
                () -> templates.render("../layout", Locale.GERMAN, Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> templates.render("/etc/passwd", Locale.GERMAN, Map.of()));
    }
}
