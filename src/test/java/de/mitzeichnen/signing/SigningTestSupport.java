package de.mitzeichnen.signing;

import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/** Browser-like steps of the signing flow for tests. */
final class SigningTestSupport {

    private SigningTestSupport() {}

    static Map<String, String> validForm(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Erika Mustermann");
        form.put("role", "MAYOR");
        form.put("body", "");
        form.put("municipality", "06412000");
        form.put("country", "DE");
        form.put("email", email);
        form.put("privacy", "on");
        return form;
    }

    /**
     * Opens the appeal page, takes its form's CSRF token, and posts the fields as the browser
     * would.
     */
    static Web.Page sign(Web web, String slug, Map<String, String> fields) {
        Web.Page page = web.get("/aufrufe/" + slug);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrfToken", csrf(page));
        return web.post("/aufrufe/" + slug + "/unterzeichnen", form);
    }

    /**
     * Posts the form found on a page (confirm or withdraw button). A page without the form (already
     * confirmed, gone) is posted to with the token the browser holds from before, as a stale tab
     * would.
     */
    static Web.Page pressButton(Web web, String path) {
        Web.Page page = web.get(path);
        String token = csrf(page);
        return web.post(path, Map.of("csrfToken", token.isEmpty() ? web.csrfToken() : token));
    }

    static String csrf(Web.Page page) {
        Element token = page.doc().selectFirst("input[name=csrfToken]");
        return token == null ? "" : token.attr("value");
    }

    static List<MimeMessage> mails(String to, int count) {
        return TestSmtp.awaitMessagesTo(to, count, Duration.ofSeconds(15));
    }

    static String text(MimeMessage message) {
        return Mails.text(message);
    }

    static String link(MimeMessage message, String prefix) {
        return Mails.link(message, prefix);
    }

    static String subject(MimeMessage message) {
        return Mails.subject(message);
    }
}
