package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invitation lists name Landkreise by key or name, with district roles; look-alike addresses are
 * refused.
 */
@MicronautTest(transactional = false)
class ConsoleInvitationDistrictsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    Appeal appeal;
    Web web;
    String tag;
    String page;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        Organiser city = fixtures.organiser("Stadt Kreiseinladung");
        appeal =
                fixtures.appeal(
                        city,
                        "Kreise einladen",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Ein Aufruf.");
        web = accounts.signedIn(URI.create(server.getURL().toString()), accounts.organiser(city));
        tag = Fixtures.unique("d").substring(2);
        page = "/verwaltung/aufrufe/" + appeal.id() + "/einladungen";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@kreis.example";
    }

    @Test
    void landkreiseByKeyOrNameAreAcceptedAndLookAlikeOrMismatchedRowsAreRefused() {
        byte[] file =
                (String.join(
                                        "\n",
                                        "Name;E-Mail;Funktion;Gemeinde",
                                        "Lara Landrätin;"
                                                + addr("lara")
                                                + ";Landrät:in;Landkreis Fulda",
                                        "Max Märker;"
                                                + addr("max")
                                                + ";DISTRICT_COUNCILLOR;Märkischer Kreis",
                                        "Uwe Unna;" + addr("uwe") + ";DISTRICT_DEPUTY;Kreis Unna",
                                        "Kai Key;" + addr("kai") + ";DISTRICT_ADMINISTRATOR;06631",
                                        "Kyra Kyrillisch;ob-"
                                                + tag
                                                + "@mu\u0435nchen.de;MAYOR;München",
                                        "Bernd Bürgermeister;"
                                                + addr("bernd")
                                                + ";MAYOR;Landkreis Fulda",
                                        "Lena Landrätin;"
                                                + addr("lena")
                                                + ";DISTRICT_ADMINISTRATOR;Fulda")
                                + "\n")
                        .getBytes(StandardCharsets.UTF_8);
        Web.Page form = web.get(page);
        Web.Page preview =
                web.postFile(Web.csrf(form), page + "/vorschau", "file", "kreise.csv", file);
        assertEquals(200, preview.status(), preview.text());
        Document doc = preview.doc();
        assertEquals(4, doc.select("tr.row-ok").size(), preview.text());
        String ok = String.join(" | ", doc.select("tr.row-ok").eachText());
        assertTrue(
                ok.contains("Landkreis Fulda (06631)")
                        && ok.contains("Märkischer Kreis (05962)")
                        && ok.contains("Kreis Unna (05978)"),
                ok);
        assertEquals(
                List.of(
                        "Der Domainname mischt Schriften (z. B. lateinische und kyrillische Buchstaben) und ist deshalb nicht zugelassen.",
                        "Funktion passt nicht zu einem Landkreis (Landrät:in, Kreisrät:in oder Beigeordnete:r des Kreises)",
                        "Funktion eines Landkreises, aber eine Gemeinde angegeben"),
                doc.select("td.problems .problem").eachText());

        Element confirm = doc.selectFirst("form[action*=/einladungen/senden]");
        assertNotNull(confirm, preview.text());
        Map<String, String> fields = new LinkedHashMap<>();
        confirm.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("language", confirm.selectFirst("select[name=language] option[selected]").val());
        assertEquals(303, web.post(confirm.attr("action"), fields).status());
        assertEquals(
                "06631",
                db.row(
                                "SELECT municipality_ags FROM invitation WHERE appeal_id = ? AND email_key = ?",
                                appeal.id(),
                                addr("lara"))
                        .get("municipality_ags"));
        Web.Page list = web.get(page);
        assertTrue(list.text().contains("Landkreis Fulda (06631)"), list.text());

        // the Landrätin follows her link: the form names the Landkreis, and her signature is stored
        // for it
        Web signer = new Web(URI.create(server.getURL().toString()));
        MimeMessage mail = TestSmtp.awaitMessagesTo(addr("lara"), 1, Duration.ofSeconds(15)).get(0);
        Document invited = signer.get(Mails.link(mail, "/einladung/")).doc();
        assertEquals(
                "Landkreis Fulda (06631)",
                invited.selectFirst("input[name=municipality]").attr("value"));
        Map<String, String> sign = new LinkedHashMap<>();
        for (Element input : invited.select("form.stack input[name], form.stack select[name]")) {
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                sign.put(input.attr("name"), selected == null ? "" : selected.attr("value"));
            } else if (!input.attr("type").equals("checkbox")) {
                sign.put(input.attr("name"), input.attr("value"));
            }
        }
        sign.put("privacy", "on");
        Web.Page answer = signer.post("/aufrufe/" + appeal.slug() + "/unterzeichnen", sign);
        assertEquals(303, answer.status(), answer.text());
        assertEquals(200, signer.get(answer.header("Location")).status());
        Web.Page done = signer.post(answer.header("Location"), Map.of());
        assertTrue(done.text().contains("Vielen Dank"), done.text());
        Map<String, Object> row =
                db.row(
                        "SELECT status, trust, role, district_ags, municipality_ags FROM signature"
                                + " WHERE email_key = ?",
                        addr("lara"));
        assertEquals("CONFIRMED", row.get("status"));
        assertEquals("INVITED", row.get("trust"));
        assertEquals("DISTRICT_ADMINISTRATOR", row.get("role"));
        assertEquals("06631", row.get("district_ags"));
        assertEquals(null, row.get("municipality_ags"));
        assertEquals(
                "SIGNED",
                db.row("SELECT status FROM invitation WHERE email_key = ?", addr("lara"))
                        .get("status"));
    }
}
