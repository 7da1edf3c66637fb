package de.mitzeichnen.replies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies received elsewhere, recorded by the organiser: they count at once, verified by the
 * organiser.
 */
@MicronautTest(transactional = false)
class RepliesTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject SupportRecount recount;

    Appeal appeal;
    Account account;
    Web organiser;
    Web other;
    Web visitor;
    String path;

    @BeforeEach
    void setUp() {
        URI base = URI.create(server.getURL().toString());
        Organiser org = fixtures.organiser("Stadt Brief");
        appeal =
                fixtures.appeal(
                        org,
                        "Per Brief zählt",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
        account = accounts.organiser(org);
        organiser = accounts.signedIn(base, account);
        other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));
        visitor = new Web(base);
        path = "/verwaltung/aufrufe/" + appeal.id() + "/rueckmeldungen";
    }

    Map<String, String> reply(String email) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "Karla Kassel");
        f.put("role", "MAYOR");
        f.put("roleOther", "");
        f.put("body", "");
        f.put("municipality", "06611000");
        f.put("email", email);
        f.put("publicName", "on");
        f.put("method", "COUNCIL_RESOLUTION");
        f.put("evidenceDate", "2025-11-03");
        f.put("note", "Beschluss der Stadtverordneten");
        return f;
    }

    Web.Page post(Web web, Map<String, String> fields, String fileName, byte[] file) {
        return web.postMultipart(
                Web.csrf(web.get(path)), path, fields, "file", fileName, "application/pdf", file);
    }

    @Test
    void aReplyRecordedByHandCountsIsVerifiedByTheOrganiserAndMailsTheSigner() {
        assertEquals(
                "0",
                visitor.get("/aufrufe/" + appeal.slug()).doc().select(".count .n").first().text());
        assertEquals(403, other.get(path).status());
        Web.Page form = organiser.get(path);
        assertEquals(200, form.status());
        assertTrue(form.text().contains("Rückmeldung eintragen"), form.text());

        String email = Fixtures.unique("karla").toLowerCase() + "@kassel.example";
        byte[] scan = "%PDF-1.4 Beschluss".getBytes(StandardCharsets.UTF_8);
        // a name with letters beyond Latin-1 keeps them, stored and downloaded
        String scanName = "Beschluss für Kassel 📄.pdf";
        Web.Page done = post(organiser, reply(email), scanName, scan);
        assertEquals(303, done.status(), done.body());
        assertTrue(
                organiser.get(path + "?ok=1").text().contains("Die Rückmeldung ist eingetragen"));

        Map<String, Object> row =
                db.row(
                        "SELECT * FROM signature WHERE appeal_id = ? AND email_key = ?",
                        appeal.id(),
                        email);
        assertEquals("CONFIRMED", row.get("status"));
        assertEquals("VERIFIED_BY_ORGANISER", row.get("trust"));
        assertEquals(account.email(), row.get("verified_by"));
        assertEquals("COUNCIL_RESOLUTION", row.get("verification_method"));
        assertEquals("Beschluss der Stadtverordneten", row.get("verification_note"));
        long id = ((Number) row.get("id")).longValue();
        Map<String, Object> evidence =
                db.row(
                        "SELECT evidence_date, file_name, file_size FROM signature_evidence"
                                + " WHERE signature_id = ?",
                        id);
        assertEquals("2025-11-03", evidence.get("evidence_date").toString());
        assertEquals(scanName, evidence.get("file_name"));
        assertEquals(scan.length, ((Number) evidence.get("file_size")).intValue());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'SIGNATURE_RECORD'",
                        appeal.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM signature_event WHERE signature_id = ? AND action = 'RECORD'",
                        id));

        // counted at once, publicly
        Web.Page pub = visitor.get("/aufrufe/" + appeal.slug());
        assertEquals("1", pub.doc().select(".count .n").first().text());
        assertTrue(pub.text().contains("Kassel"), pub.text());
        assertTrue(
                visitor.get("/api/v1/appeals/" + appeal.slug())
                        .body()
                        .contains("\"signatures\":1"));
        assertFalse(recount.recount(appeal.id()), "the record kept the aggregate right");

        // the scan: the organiser only
        String download = path + "/" + id + "/nachweis";
        var file = organiser.download(download);
        assertEquals(200, file.statusCode());
        assertArrayEquals(scan, file.body());
        assertTrue(
                file.headers()
                        .firstValue("Content-Disposition")
                        .orElse("")
                        .startsWith("attachment"));
        assertEquals(
                "attachment; filename=\"Beschluss fur Kassel _.pdf\";"
                        + " filename*=UTF-8''Beschluss%20f%C3%BCr%20Kassel%20%F0%9F%93%84.pdf",
                file.headers().firstValue("Content-Disposition").orElseThrow());
        Web.Page listed = organiser.get(path);
        assertTrue(
                listed.text().contains("Zuletzt eingetragen")
                        && listed.text().contains("Ratsbeschluss, 3. November 2025"),
                listed.text());
        assertEquals(download, listed.doc().select(".recorded-replies a").attr("href"));
        assertEquals(403, other.get(download).status());
        assertTrue(List.of(302, 303, 401).contains(visitor.get(download).status()));

        // the signer's mail: what was recorded, and a withdrawal link that works
        List<MimeMessage> mails = TestSmtp.awaitMessagesTo(email, 1, Duration.ofSeconds(15));
        assertEquals(
                "Ihre Unterschrift wurde eingetragen: Per Brief zählt",
                Mails.subject(mails.get(0)));
        String text = Mails.text(mails.get(0));
        assertTrue(
                text.contains("Karla Kassel")
                        && text.contains("Kassel")
                        && text.contains("Ratsbeschluss, 3. November 2025"),
                text);
        String withdraw = Mails.link(mails.get(0), "/zurueckziehen/");
        String html = html(mails.get(0));
        // the button and the same address in plain sight (href and text of the second link)
        assertTrue(html.split(Pattern.quote(withdraw), -1).length - 1 >= 3, html);
        saveMail("mail-reply-recorded", html);
        Web signer = new Web(visitor.base());
        Web.Page confirmPage = signer.get(withdraw);
        assertEquals(200, confirmPage.status());
        Web.Page withdrawn = signer.post(withdraw, Map.of("csrfToken", Web.csrf(confirmPage)));
        assertTrue(
                withdrawn.text().contains("Ihre Unterschrift ist zurückgezogen"), withdrawn.text());
        assertEquals(
                "WITHDRAWN", db.row("SELECT status FROM signature WHERE id = ?", id).get("status"));
        assertEquals(
                "0",
                visitor.get("/aufrufe/" + appeal.slug()).doc().select(".count .n").first().text());
    }

    static String html(MimeMessage message) {
        try {
            return (String) ((Multipart) message.getContent()).getBodyPart(1).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML part as a file next to the screenshots, to look at in a browser. */
    static void saveMail(String name, String html) {
        try {
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.writeString(Path.of("target", "screenshots", name + ".html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void badInputIsExplainedAndStoresNothing() {
        Map<String, String> bad = reply("");
        bad.put("municipality", "Gibtesnichthausen");
        bad.put("method", "");
        bad.put("name", "Karl\u202EKassel");
        Web.Page page = post(organiser, bad, "", new byte[0]);
        assertEquals(422, page.status());
        assertTrue(page.doc().select(".error-summary a").size() >= 3, page.body());
        assertTrue(page.text().contains("Bitte wählen Sie, wie die Rückmeldung kam."), page.text());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));

        // without an address it is recorded all the same, and nobody is mailed
        Web.Page ok = post(organiser, reply(""), "", new byte[0]);
        assertEquals(303, ok.status(), ok.body());
        Map<String, Object> row =
                db.row("SELECT * FROM signature WHERE appeal_id = ?", appeal.id());
        assertEquals("VERIFIED_BY_ORGANISER", row.get("trust"));
        assertEquals(null, row.get("email"));
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM signature_evidence WHERE appeal_id = ? AND content IS NOT NULL",
                        appeal.id()));
    }

    @Test
    void aCsvWithProblemsShowsThemAndStoresNothingAGoodOneIsRecordedOnConfirmation() {
        String csvPath = path + "/csv";
        String good = Fixtures.unique("ok").toLowerCase() + "@kassel.example";
        String bad =
                "Name;E-Mail;Funktion;Gemeinde;Gremium;Nachweis;Datum;Notiz;Name öffentlich\n"
                        + "Karla Kassel;"
                        + good
                        + ";Oberbürgermeisterin;Kassel;;Ratsbeschluss;03.11.2025;Nr. 12;ja\n"
                        + "Otto Ort;;Bürgermeister;Gibtesnichthausen;;Brief;;;nein\n"
                        + "Rita Rat;;Gemeinderätin;06611000;;Fax;;;nein\n"
                        + "Bea Beschluss;;Landrätin;Landkreis Fulda;;Ratsbeschluss;;;nein\n";
        Web.Page page = organiser.get(csvPath);
        assertEquals(200, page.status());
        Web.Page preview =
                organiser.postFile(
                        Web.csrf(page),
                        csvPath + "/vorschau",
                        "file",
                        "antworten.csv",
                        bad.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, preview.status());
        assertTrue(
                preview.text().contains("3 Zeilen haben Probleme. Es wurde nichts gespeichert."),
                preview.text());
        assertTrue(
                preview.text().contains("Bitte wählen Sie, wie die Rückmeldung kam."),
                preview.text());
        assertTrue(
                preview.text().contains("Bitte geben Sie das Datum des Ratsbeschlusses an."),
                preview.text());
        assertTrue(
                preview.doc().select("button[type=submit]").stream()
                        .noneMatch(b -> b.text().contains("eintragen")));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));

        String fine =
                "Name;E-Mail;Funktion;Gemeinde;Gremium;Nachweis;Datum;Notiz;Name öffentlich\n"
                        + "Karla Kassel;"
                        + good
                        + ";Oberbürgermeisterin;Kassel;;Ratsbeschluss;03.11.2025;Nr. 12;ja\n"
                        + "Bea Beschluss;;Landrätin;Landkreis Fulda;;Brief;;;nein\n";
        Web.Page ok =
                organiser.postFile(
                        Web.csrf(organiser.get(csvPath)),
                        csvPath + "/vorschau",
                        "file",
                        "antworten.csv",
                        fine.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status(), ok.text());
        assertTrue(
                ok.text().contains("2 Rückmeldungen sind bereit. Noch ist nichts gespeichert."),
                ok.text());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
        Web.Page done =
                organiser.postWithToken(
                        Web.csrf(ok),
                        csvPath + "/eintragen",
                        Map.of(
                                "content",
                                ok.doc().selectFirst("input[name=content]").attr("value")));
        assertEquals(303, done.status(), done.body());
        assertTrue(
                organiser
                        .get(done.header("Location"))
                        .text()
                        .contains("2 Rückmeldungen sind eingetragen"));
        assertEquals(
                2,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'CONFIRMED'"
                                + " AND trust = 'VERIFIED_BY_ORGANISER' AND verified_by = ?",
                        appeal.id(),
                        account.email()));
        String api = visitor.get("/api/v1/appeals/" + appeal.slug()).body();
        assertTrue(api.contains("\"municipalities\":1,\"districts\":1,\"places\":2"), api);
        assertTrue(api.contains("\"signatures\":2"), api);
        assertEquals(1, TestSmtp.awaitMessagesTo(good, 1, Duration.ofSeconds(15)).size());
    }
}
