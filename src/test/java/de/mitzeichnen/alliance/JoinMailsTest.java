package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.mail.MailTemplates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three mails of joining have the parts every mail has (as MailDesignTest checks for the
 * others), in HTML and text, in German and English: who sends it and about which alliance, why it
 * comes, the action as a button and as the plain address, what happens next, who to contact,
 * imprint and privacy notice. Artefacts to read: target/mails/alliance-join-*.
 */
@MicronautTest(transactional = false)
class JoinMailsTest {

    @Inject MailTemplates templates;

    static Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "Erika Mustermann");
        m.put("allianceName", "Städte Sicherer Häfen");
        m.put("allianceUrl", "https://mitzeichnen.example/buendnisse/sichere-haefen?lang=de");
        m.put("organiserName", "Landeshauptstadt Potsdam");
        m.put("contact", "buendnis@potsdam.example");
        m.put("municipalityName", "Frankfurt am Main");
        m.put("roleLabel", "Oberbürgermeister:in");
        m.put("basis", "Stadtratsbeschluss vom 18.12.2019, Antrag Nr. 20-26 / A 05689");
        m.put("joinedOnText", "18. Dezember 2019");
        m.put("confirmUrl", "https://mitzeichnen.example/beitritt-bestaetigen/c0nf1rm");
        m.put("expiresText", "27. November 2025, 10:00 Uhr");
        m.put("reason", "Uns liegt kein Beschluss des Stadtrats vor.");
        return m;
    }

    @ParameterizedTest
    @CsvSource({
        "alliance-join-confirm,  de, https://mitzeichnen.example/beitritt-bestaetigen/c0nf1rm, Sie erhalten diese E-Mail, Wie es weitergeht, Bündnis „Städte Sicherer Häfen“",
        "alliance-join-confirm,  en, https://mitzeichnen.example/beitritt-bestaetigen/c0nf1rm, You receive this e-mail, What happens next, Alliance “Städte Sicherer Häfen”",
        "alliance-join-accepted, de, https://mitzeichnen.example/buendnisse/sichere-haefen?lang=de, Sie erhalten diese E-Mail, Wie es weitergeht, Bündnis „Städte Sicherer Häfen“",
        "alliance-join-accepted, en, https://mitzeichnen.example/buendnisse/sichere-haefen?lang=de, You receive this e-mail, What happens next, Alliance “Städte Sicherer Häfen”",
        "alliance-join-declined, de, mailto:buendnis@potsdam.example, Sie erhalten diese E-Mail, Wie es weitergeht, Bündnis „Städte Sicherer Häfen“",
        "alliance-join-declined, en, mailto:buendnis@potsdam.example, You receive this e-mail, What happens next, Alliance “Städte Sicherer Häfen”",
    })
    void everyJoinMailHasTheSameParts(
            String template, String lang, String url, String why, String next, String about)
            throws IOException {
        MailTemplates.Rendered r = templates.render(template, Locale.forLanguageTag(lang), model());
        Path out = Path.of("target", "mails");
        Files.createDirectories(out);
        Files.writeString(out.resolve(template + "-" + lang + ".html"), r.html());
        Files.writeString(out.resolve(template + "-" + lang + ".txt"), r.text());
        String text = r.text();
        Document html = Jsoup.parse(r.html());
        for (String part :
                new String[] {
                    why,
                    next,
                    about,
                    "http://localhost:8080/impressum",
                    "/datenschutz",
                    "Frankfurt am Main"
                }) {
            assertTrue(text.contains(part), template + " text lacks " + part + ":\n" + text);
        }
        assertTrue(html.text().contains(why) && html.text().contains(next), html.text());
        assertTrue(html.text().contains("Städte Sicherer Häfen"), html.text());
        assertEquals(1, html.select("a[href=http://localhost:8080/impressum]").size(), template);
        assertTrue(html.select("a[href=" + url + "]").size() >= 2, template + ": " + r.html());
        assertTrue(text.contains(url.replace("mailto:", "")), template + ":\n" + text);
        String from =
                lang.equals("de")
                        ? "Landeshauptstadt Potsdam über Mitzeichnen"
                        : "Landeshauptstadt Potsdam via Mitzeichnen";
        assertTrue(text.contains(from) && html.text().contains(from), template + ":\n" + text);
        assertTrue(
                html.text()
                        .contains(
                                lang.equals("de")
                                        ? "die Antwort erreicht Landeshauptstadt Potsdam"
                                        : "your reply reaches Landeshauptstadt Potsdam"),
                template);
        assertFalse(text.contains("Aufruf") || text.contains("Appeal"), template + ":\n" + text);
        assertFalse(
                text.contains("[(")
                        || text.contains("??")
                        || r.html().contains("??")
                        || text.contains("null"),
                template + ":\n" + text);
    }
}
