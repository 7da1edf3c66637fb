package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Steps of joining an alliance through the platform, as a browser takes them, for tests. */
final class JoinTestSupport {

    static final String FRANKFURT = "06412000";

    private JoinTestSupport() {}

    /** A public alliance run by {@code organiser}, created as its organiser's account would. */
    static Alliance publicAlliance(Alliances alliances, Organiser organiser, Account account) {
        String slug = Fixtures.unique("buendnis").toLowerCase();
        Alliances.Outcome created =
                alliances.create(
                        new ConsoleUser(
                                account.id(),
                                account.email(),
                                account.displayName(),
                                AccountRole.ORGANISER,
                                organiser.id(),
                                null),
                        new AllianceForm.Input(
                                null,
                                "Städte Sicherer Häfen " + slug.substring(slug.length() - 8),
                                slug,
                                "Kommunen, die Geflüchtete aufnehmen wollen.",
                                "Bündnisbüro",
                                "buendnis@stadt.example",
                                true,
                                null));
        assertTrue(created.ok(), String.valueOf(created.errors()));
        return created.saved();
    }

    static String email(String domain) {
        return "amt-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    /** A form an official of Frankfurt fills in correctly. */
    static Map<String, String> validForm(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Erika Mustermann");
        form.put("role", "LORD_MAYOR");
        form.put("roleOther", "");
        form.put("country", "DE");
        form.put("municipality", "Frankfurt am Main (" + FRANKFURT + ")");
        form.put("decisionKind", "Stadtratsbeschluss");
        form.put("decidedOn", "2019-12-18");
        form.put("decisionNumber", "Antrag Nr. 20-26 / A 05689");
        form.put("email", email);
        form.put("privacy", "on");
        return form;
    }

    static Map<String, String> with(Map<String, String> form, String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>(form);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Opens the form (in {@code lang}) and sends it as the browser would (it carries no token). */
    static Web.Page declare(Web web, Alliance alliance, Map<String, String> fields, String lang) {
        String path = "/buendnisse/" + alliance.slug() + "/beitreten";
        Web.Page page = web.get(path + "?lang=" + lang);
        if (page.status() != 200) {
            throw new AssertionError("GET " + path + " gave " + page.status());
        }
        return web.post(path + "?lang=" + lang, fields);
    }

    /** Presses the button of the page behind a link (its form has no token: public). */
    static Web.Page pressButton(Web web, String path) {
        return web.post(path, Map.of());
    }

    static List<MimeMessage> mails(String to, int count) {
        return TestSmtp.awaitMessagesTo(to, count, Duration.ofSeconds(15));
    }

    static String confirmLink(MimeMessage mail) {
        return Mails.link(mail, JoinPages.CONFIRM);
    }
}
