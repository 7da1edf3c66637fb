package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every mail has the same parts, in HTML and in text: who sends it and about which appeal, why it
 * comes, the action as a button and as the plain address, what happens next, who to contact,
 * imprint and privacy notice.
 */
@MicronautTest(transactional = false)
class MailDesignTest {

    @Inject MailTemplates templates;

    static Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "Anna Müller");
        m.put("appealTitle", "Migration als Chance begreifen!");
        m.put("addressee", "an die Bundesregierung");
        m.put("organiserName", "Stadt Frankfurt am Main");
        m.put("municipalityName", "Offenbach am Main");
        m.put("roleLabel", "Oberbürgermeister:in");
        m.put("deadlineText", "3. Dezember 2025, 23:59 Uhr");
        m.put("expiresText", "22. November 2025, 10:00 Uhr");
        m.put("confirmUrl", "https://mitzeichnen.example/bestaetigen/c0nf1rm");
        m.put("withdrawUrl", "https://mitzeichnen.example/zurueckziehen/w1thdr4w");
        m.put("appealUrl", "https://mitzeichnen.example/aufrufe/migration");
        m.put("signUrl", "https://mitzeichnen.example/einladung/1nv1t3");
        m.put("optOutUrl", "https://mitzeichnen.example/einladung/1nv1t3/keine-erinnerung");
        m.put("reason", "Die Adresse gehört nicht zur Kommune.");
        m.put("contact", "aufruf@frankfurt.example");
        m.put("link", "https://mitzeichnen.example/verwaltung/passwort/r3s3t");
        m.put("validUntil", "22. November 2025, 11:00 Uhr");
        return m;
    }

    @ParameterizedTest
    @CsvSource({
        "signature-confirm,   de, https://mitzeichnen.example/bestaetigen/c0nf1rm,    true,  Sie erhalten diese E-Mail, Wie es weitergeht",
        "signature-confirm,   en, https://mitzeichnen.example/bestaetigen/c0nf1rm,    true,  You receive this e-mail, What happens next",
        "signature-confirmed, de, https://mitzeichnen.example/zurueckziehen/w1thdr4w, true,  Sie erhalten diese E-Mail, Wie es weitergeht",
        "signature-confirmed, en, https://mitzeichnen.example/zurueckziehen/w1thdr4w, true,  You receive this e-mail, What happens next",
        "signature-already,   de, https://mitzeichnen.example/aufrufe/migration,      true,  Sie erhalten diese E-Mail, Wie es weitergeht",
        "signature-already,   en, https://mitzeichnen.example/aufrufe/migration,      true,  You receive this e-mail, What happens next",
        "signature-rejected,  de, mailto:aufruf@frankfurt.example,                    true,  Sie erhalten diese E-Mail, Wie es weitergeht",
        "signature-rejected,  en, mailto:aufruf@frankfurt.example,                    true,  You receive this e-mail, What happens next",
        "invitation,          de, https://mitzeichnen.example/einladung/1nv1t3,       true,  Sie erhalten diese E-Mail, Wie es weitergeht",
        "invitation,          en, https://mitzeichnen.example/einladung/1nv1t3,       true,  You receive this e-mail, What happens next",
        "invitation-reminder, de, https://mitzeichnen.example/einladung/1nv1t3,       true,  Sie erhalten diese Erinnerung, Wie es weitergeht",
        "invitation-reminder, en, https://mitzeichnen.example/einladung/1nv1t3,       true,  You receive this reminder, What happens next",
        "password-reset,      de, https://mitzeichnen.example/verwaltung/passwort/r3s3t, false, Sie erhalten diese E-Mail, Wie es weitergeht",
        "password-reset,      en, https://mitzeichnen.example/verwaltung/passwort/r3s3t, false, You receive this e-mail, What happens next",
    })
    void everyMailHasTheSameParts(
            String template,
            String lang,
            String url,
            boolean aboutAnAppeal,
            String why,
            String next)
            throws IOException {
        Map<String, Object> model = model();
        if (!aboutAnAppeal) {
            model.remove("organiserName");
            model.remove("appealTitle");
        }
        MailTemplates.Rendered r = templates.render(template, Locale.forLanguageTag(lang), model);
        // artefacts to look at: target/mails/NAME-LANG.html and .txt
        Path out = Path.of("target", "mails");
        Files.createDirectories(out);
        Files.writeString(out.resolve(template + "-" + lang + ".html"), r.html());
        Files.writeString(out.resolve(template + "-" + lang + ".txt"), r.text());
        String text = r.text();
        Document html = Jsoup.parse(r.html());
        assertFalse(text.isBlank() || r.html().isBlank(), "both parts");
        for (String part :
                new String[] {why, next, "http://localhost:8080/impressum", "/datenschutz"}) {
            assertTrue(text.contains(part), template + " text lacks " + part + ":\n" + text);
        }
        assertTrue(
                html.text().contains(why) && html.text().contains(next),
                template + ": " + html.text());
        assertEquals(1, html.select("a[href=http://localhost:8080/impressum]").size(), template);
        // the action as a button and as the address in plain sight
        assertTrue(html.select("a[href=" + url + "]").size() >= 2, template + ": " + r.html());
        assertTrue(html.text().contains(url.replace("mailto:", "")), template);
        assertTrue(text.contains(url.replace("mailto:", "")), template + ":\n" + text);
        if (aboutAnAppeal) {
            String from =
                    lang.equals("de")
                            ? "Stadt Frankfurt am Main über Mitzeichnen"
                            : "Stadt Frankfurt am Main via Mitzeichnen";
            assertTrue(text.contains(from) && html.text().contains(from), template + ":\n" + text);
            assertTrue(text.contains("Migration als Chance begreifen!"), template);
            assertTrue(
                    html.text()
                            .contains(
                                    lang.equals("de")
                                            ? "die Antwort erreicht Stadt Frankfurt am Main"
                                            : "your reply reaches Stadt Frankfurt am Main"),
                    template);
        }
        assertFalse(
                text.contains("[(")
                        || text.contains("??")
                        || r.html().contains("??")
                        || text.contains("null"),
                template + ":\n" + text);
    }
}
