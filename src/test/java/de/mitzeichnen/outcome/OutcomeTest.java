package de.mitzeichnen.outcome;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After the deadline: the hand-over and the answer, shown publicly and mailed once to the signers
 * who asked.
 */
@MicronautTest(transactional = false)
class OutcomeTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;

    Organiser org;
    Appeal appeal;
    Web organiser;
    Web visitor;
    String path;

    @BeforeEach
    void setUp() {
        URI base = URI.create(server.getURL().toString());
        org = fixtures.organiser("Stadt Übergabe");
        appeal =
                fixtures.appeal(
                        org,
                        "Übergeben wird",
                        AppealStatus.OPEN,
                        Instant.parse("2025-10-01T00:00:00Z"),
                        Instant.parse("2025-11-30T22:59:59Z"),
                        "Text");
        organiser = accounts.signedIn(base, accounts.organiser(org));
        visitor = new Web(base);
        path = "/verwaltung/aufrufe/" + appeal.id() + "/ergebnis";
    }

    String signer(String status, boolean outcome) {
        String email = Fixtures.unique("s").toLowerCase() + "@kassel.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at, outcome_mails)
                VALUES (?, ?, ?, ?, 'Sina Signer', 'MAYOR', '06611000', true, 'v1', NOW(6), 'de', ?, 'OFFICIAL_DOMAIN',
                  1, NOW(6), NOW(6), NOW(6), NOW(6), ?)""",
                appeal.id(),
                status,
                email,
                email,
                "c".repeat(64),
                outcome);
        return email;
    }

    Web.Page post(
            String kind,
            String date,
            String note,
            boolean filePublic,
            String fileName,
            byte[] file) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("date", date);
        f.put("recipient", "");
        f.put("note", note);
        if (filePublic) {
            f.put("filePublic", "on");
        }
        return organiser.postMultipart(
                Web.csrf(organiser.get(path)),
                path + "/" + kind,
                f,
                "file",
                fileName,
                "image/png",
                file);
    }

    @Test
    void handOverAndAnswerArePublicAndReachExactlyTheSignersWhoAskedOnce() throws Exception {
        String wants = signer("CONFIRMED", true);
        String quiet = signer("CONFIRMED", false);
        String withdrawn = signer("WITHDRAWN", true);
        String pending = signer("PENDING", true);
        String yesterday = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString();

        assertEquals(200, organiser.get(path).status());
        Web.Page early =
                post("antwort", yesterday, "Danke für den Aufruf.", false, "", new byte[0]);
        assertEquals(422, early.status());
        assertTrue(
                early.text().contains("Bitte tragen Sie zuerst die Übergabe ein."), early.text());
        Web.Page noNote = post("uebergabe", yesterday, " ", false, "", new byte[0]);
        assertEquals(422, noNote.status());
        assertEquals(
                0,
                db.count("SELECT COUNT(*) FROM appeal_outcome WHERE appeal_id = ?", appeal.id()));

        byte[] photo = "PNG-Foto der Übergabe".getBytes(StandardCharsets.UTF_8);
        Web.Page handed =
                post("uebergabe", yesterday, "Übergeben im Kanzleramt.", true, "foto.png", photo);
        assertEquals(303, handed.status(), handed.body());
        String location = handed.header("Location");
        assertTrue(
                organiser.get(location).text().contains("1 Unterzeichnende:r wird benachrichtigt"),
                organiser.get(location).text());

        Web.Page pub = visitor.get("/aufrufe/" + appeal.slug());
        assertTrue(
                pub.text().contains("Übergeben am")
                        && pub.text().contains("an die Bundesregierung")
                        && pub.text().contains("Übergeben im Kanzleramt."),
                pub.text());
        assertTrue(pub.text().contains("Eine Antwort steht noch aus."));
        String fileLink = pub.doc().select("#ergebnis a").attr("href");
        assertEquals("/aufrufe/" + appeal.slug() + "/ergebnis/uebergabe/datei", fileLink);
        var file = visitor.download(fileLink);
        assertEquals(200, file.statusCode());
        assertArrayEquals(photo, file.body());
        String api = visitor.get("/api/v1/appeals/" + appeal.slug()).body();
        assertTrue(
                api.contains(
                        "\"handover\":{\"date\":\""
                                + yesterday
                                + "\",\"recipient\":null,"
                                + "\"note\":\"Übergeben im Kanzleramt.\",\"file\":\""
                                + fileLink
                                + "\"}"),
                api);
        assertTrue(api.contains("\"answer\":null"), api);

        List<MimeMessage> first = TestSmtp.awaitMessagesTo(wants, 1, Duration.ofSeconds(15));
        assertEquals("Der Aufruf wurde übergeben: Übergeben wird", Mails.subject(first.get(0)));
        assertTrue(Mails.text(first.get(0)).contains("Übergeben im Kanzleramt."));
        de.mitzeichnen.replies.RepliesTestMails.save("mail-outcome-handover", first.get(0));

        // a correction changes the record and mails nobody again; the file is no longer public
        Web.Page corrected =
                post(
                        "uebergabe",
                        yesterday,
                        "Übergeben im Bundeskanzleramt.",
                        false,
                        "",
                        new byte[0]);
        assertEquals(303, corrected.status());
        assertTrue(
                organiser
                        .get(corrected.header("Location"))
                        .text()
                        .contains("Niemand war (neu) zu benachrichtigen"));
        Web.Page after = visitor.get("/aufrufe/" + appeal.slug());
        assertTrue(after.text().contains("Übergeben im Bundeskanzleramt."));
        assertTrue(after.doc().select("#ergebnis a").isEmpty(), after.body());
        assertEquals(404, visitor.get(fileLink).status());
        assertEquals(
                200,
                organiser.download(path + "/uebergabe/datei").statusCode(),
                "the organiser keeps it");

        Web.Page answered =
                post("antwort", yesterday, "Wir prüfen Ihre Vorschläge.", false, "", new byte[0]);
        assertEquals(303, answered.status());
        assertTrue(
                visitor.get("/aufrufe/" + appeal.slug())
                        .text()
                        .contains("Wir prüfen Ihre Vorschläge."));
        // ?lang=en: a cache key not read before (answers are kept for 1.5 s)
        assertTrue(
                visitor.get("/api/v1/appeals/" + appeal.slug() + "?lang=en")
                        .body()
                        .contains("\"answer\":{\"date\":\"" + yesterday + "\""));
        List<MimeMessage> both = TestSmtp.awaitMessagesTo(wants, 2, Duration.ofSeconds(15));
        assertEquals("Die Antwort auf den Aufruf: Übergeben wird", Mails.subject(both.get(1)));

        // once the outbox holds nothing more for these four, anything else queued has gone out
        Eventually.await(
                "no mail left in the outbox for the four signers",
                Duration.ofSeconds(15),
                () ->
                        db.count(
                                        "SELECT COUNT(*) FROM outbox_message WHERE status IN ('PENDING', 'SENDING')"
                                                + " AND recipient IN (?, ?, ?, ?)",
                                        wants,
                                        quiet,
                                        withdrawn,
                                        pending)
                                == 0);
        assertEquals(2, TestSmtp.messagesTo(wants).size());
        assertEquals(0, TestSmtp.messagesTo(quiet).size());
        assertEquals(0, TestSmtp.messagesTo(withdrawn).size());
        assertEquals(0, TestSmtp.messagesTo(pending).size());
        assertEquals(
                2,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'OUTCOME_RECORDED'",
                        appeal.id()));
    }

    @Test
    void theSignFormAsksOffByDefaultAndKeepsTheAnswer() {
        Appeal open =
                fixtures.appeal(
                        org,
                        "Mit Kästchen",
                        AppealStatus.OPEN,
                        Instant.parse("2025-10-01T00:00:00Z"),
                        Instant.parse("2030-11-30T22:59:59Z"),
                        "Text");
        Web.Page page = visitor.get("/aufrufe/" + open.slug());
        var box = page.doc().selectFirst("input#outcomeMails");
        assertTrue(box != null && !box.hasAttr("checked"), page.body());
        assertTrue(page.text().contains("Über die Übergabe und die Antwort informieren"));
        for (boolean wants : List.of(true, false)) {
            String email = Fixtures.unique("box").toLowerCase() + "@kassel.example";
            Map<String, String> f =
                    new LinkedHashMap<>(
                            Map.of(
                                    "name",
                                    "Erika Mustermann",
                                    "role",
                                    "MAYOR",
                                    "municipality",
                                    "06611000",
                                    "country",
                                    "DE",
                                    "email",
                                    email,
                                    "privacy",
                                    "on",
                                    "csrfToken",
                                    Web.csrf(visitor.get("/aufrufe/" + open.slug()))));
            if (wants) {
                f.put("outcomeMails", "on");
            }
            assertEquals(
                    303, visitor.post("/aufrufe/" + open.slug() + "/unterzeichnen", f).status());
            assertEquals(
                    wants ? 1 : 0,
                    db.count(
                            "SELECT COUNT(*) FROM signature WHERE email_key = ? AND outcome_mails",
                            email));
            assertEquals(1, db.count("SELECT COUNT(*) FROM signature WHERE email_key = ?", email));
        }
    }

    @Test
    void notBeforeTheDeadline() {
        Appeal open =
                fixtures.appeal(
                        org,
                        "Noch offen",
                        AppealStatus.OPEN,
                        Instant.parse("2025-10-01T00:00:00Z"),
                        Instant.parse("2030-11-30T22:59:59Z"),
                        "Text");
        String openPath = "/verwaltung/aufrufe/" + open.id() + "/ergebnis";
        Web.Page page = organiser.get(openPath);
        assertTrue(page.text().contains("erst nach der Frist"), page.text());
        Web.Page refused =
                organiser.postMultipart(
                        Web.csrf(page),
                        openPath + "/uebergabe",
                        Map.of("date", "2025-11-01", "note", "zu früh"),
                        "file",
                        "",
                        "application/octet-stream",
                        new byte[0]);
        assertEquals(409, refused.status());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM appeal_outcome WHERE appeal_id = ?", open.id()));
        assertFalse(visitor.get("/aufrufe/" + open.slug()).text().contains("Übergabe und Antwort"));
    }

    @Test
    void aFileKeepsTheLettersOfItsNameAndNoOtherSiteMayFrameIt() {
        String yesterday = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString();
        String name = "Übergabe 😀.png";
        Web.Page handed =
                post(
                        "uebergabe",
                        yesterday,
                        "Übergeben.",
                        true,
                        name,
                        "PNG".getBytes(StandardCharsets.UTF_8));
        assertEquals(303, handed.status(), handed.body());
        assertEquals(
                name,
                db.row("SELECT file_name FROM appeal_outcome WHERE appeal_id = ?", appeal.id())
                        .get("file_name"));

        var file = visitor.download("/aufrufe/" + appeal.slug() + "/ergebnis/uebergabe/datei");
        assertEquals(200, file.statusCode());
        assertEquals(
                "inline; filename=\"Ubergabe _.png\"; filename*=UTF-8''%C3%9Cbergabe%20%F0%9F%98%80.png",
                file.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(
                file.headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow()
                        .contains("frame-ancestors 'none'"));
    }
}
