package de.mitzeichnen.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's invitations page: upload, preview, confirm, progress, reminders — through HTTP,
 * with real mail.
 */
@MicronautTest(transactional = false)
class ConsoleInvitationsTest {

    static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    static final Duration MAIL_WAIT = Duration.ofSeconds(15);

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject InvitationCsv csv;
    @Inject Invitations invitations;

    URI base;
    Organiser city;
    Appeal appeal;
    Web web;
    String tag;
    String page;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Einladung");
        appeal =
                fixtures.appeal(
                        city,
                        "Einladungen aus der Konsole",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Ein **Aufruf**.");
        web = accounts.signedIn(base, accounts.organiser(city));
        tag = Fixtures.unique("k").substring(2);
        page = "/verwaltung/aufrufe/" + appeal.id() + "/einladungen";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@stadt.example";
    }

    /**
     * Five good rows, then a bad address, an unknown municipality and a repeated address: as Excel
     * saves it.
     */
    byte[] file() {
        return (String.join(
                                "\r\n",
                                "Name;E-Mail;Funktion;Gemeinde;Gremium",
                                "Anna Alt;" + addr("anna") + ";Bürgermeister:in;06412000;",
                                "Bert Bär;" + addr("bert") + ";MAYOR;München;Stadtrat",
                                "Cora Cöln;" + addr("cora") + ";COUNCILLOR;05315000;",
                                "Dana Dorf;" + addr("dana") + ";DEZERNENT;Kiel;",
                                "Emil Eck;"
                                        + addr("emil")
                                        + ";Stadträt:in / Gemeinderät:in / Ratsmitglied;14612000;",
                                "Falsch Mail;kein-mail;MAYOR;06412000;",
                                "Gina Gibtsnicht;" + addr("gina") + ";MAYOR;Xyzzyhausen;",
                                "Anna Doppelt;" + addr("anna") + ";MAYOR;06412000;")
                        + "\r\n")
                .getBytes(Charset.forName("windows-1252"));
    }

    List<String> good() {
        return List.of(addr("anna"), addr("bert"), addr("cora"), addr("dana"), addr("emil"));
    }

    Web.Page upload(Web browser, byte[] content) {
        Web.Page form = browser.get(page);
        assertEquals(200, form.status(), form.text());
        return browser.postFile(
                Web.csrf(form), page + "/vorschau", "file", "einladungen.csv", content);
    }

    /** Sends the preview's confirmation form as the browser would. */
    Web.Page confirm(Web.Page preview) {
        Element form = preview.doc().selectFirst("form[action*=/einladungen/senden]");
        assertNotNull(form, preview.text());
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("language", form.selectFirst("select[name=language] option[selected]").val());
        return web.post(form.attr("action"), fields);
    }

    long outboxRowsFor(List<String> recipients) {
        return recipients.stream()
                .mapToLong(
                        r -> db.count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", r))
                .sum();
    }

    @Test
    void thePreviewShowsEveryProblemAndStoresNothingUntilConfirmedThenFiveMailsGoOut() {
        Web.Page preview = upload(web, file());
        assertEquals(200, preview.status(), preview.text());
        Document doc = preview.doc();
        assertEquals(
                "5 Einladungen bereit, 3 Zeilen mit Problemen",
                doc.selectFirst(".preview-counts").text());
        assertEquals(8, doc.select("table.invitation-preview tbody tr").size());
        assertEquals(
                List.of(
                        "ungültige E-Mail-Adresse",
                        "Gemeinde nicht gefunden oder nicht eindeutig (bitte den Gemeindeschlüssel angeben)",
                        "E-Mail-Adresse kommt in der Datei mehrfach vor"),
                doc.select("td.problems .problem").eachText());
        assertEquals(5, doc.select("tr.row-ok").size());
        Element bert = doc.select("tr.row-ok").get(1);
        assertTrue(
                bert.text().contains("Bert Bär") && bert.text().contains("München (09162000)"),
                bert.text());
        // nothing stored, nothing queued
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));
        assertEquals(0, outboxRowsFor(good()));
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'INVITATIONS_SENT'",
                        appeal.id()));

        Web.Page sent = confirm(preview);
        assertEquals(303, sent.status(), sent.text());
        assertEquals(page + "?ok=sent&n=5", sent.header("Location"));
        assertEquals(
                5, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));
        for (String to : good()) {
            List<MimeMessage> mails = TestSmtp.awaitMessagesTo(to, 1, MAIL_WAIT);
            assertEquals(1, mails.size(), to);
            String link = Mails.link(mails.get(0), "/einladung/");
            assertEquals(
                    200, new Web(base).get(link).status(), "the personal link opens the sign form");
        }
        assertEquals(0, TestSmtp.messagesTo("kein-mail").size());
        assertEquals(0, outboxRowsFor(List.of(addr("gina"))));
        Map<String, Object> audit =
                db.row(
                        "SELECT * FROM audit_entry WHERE appeal_id = ? AND action = 'INVITATIONS_SENT'",
                        appeal.id());
        assertEquals(city.id(), ((Number) audit.get("organiser_id")).longValue());
        assertTrue(
                audit.get("details").toString().contains("\"invited\":5"),
                audit.get("details").toString());
        assertTrue(
                audit.get("details").toString().contains("\"withProblems\":3"),
                audit.get("details").toString());

        Web.Page after = web.get(sent.header("Location"));
        assertEquals(200, after.status());
        assertEquals(
                "5 Einladungen wurden gespeichert; die Mails werden jetzt verschickt.",
                after.doc().selectFirst(".notice.ok").text());
        assertEquals("5", after.doc().selectFirst(".invitation-progress .count .n").text());
        assertEquals(5, after.doc().select("table.invitation-list tbody tr").size());
        assertTrue(
                after.doc()
                        .selectFirst("table.invitation-list")
                        .text()
                        .contains("Frankfurt am Main (06412000)"));

        // Confirming the same preview again (a second click) invites nobody twice.
        Web.Page again = confirm(preview);
        assertEquals(page + "?ok=sent&n=0", again.header("Location"));
        assertEquals(
                5, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));
        assertEquals(5, outboxRowsFor(good()));
    }

    @Test
    void aFileProblemShowsJustThatMessage() {
        Web.Page wrong = upload(web, "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, wrong.status());
        assertEquals(
                "Die Datei einladungen.csv kann nicht verwendet werden: Die erste Zeile muss die Spalten benennen:"
                        + " Name, E-Mail, Funktion, Gemeinde (AGS oder Name), optional Gremium.",
                wrong.doc().selectFirst(".notice.bad").text());
        assertNull(wrong.doc().selectFirst("table.invitation-preview"));
        assertEquals(422, upload(web, new byte[0]).status());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));

        Web.Page english =
                upload(
                        web.withHeader("Accept-Language", "en"),
                        "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(
                english.doc()
                        .selectFirst(".notice.bad")
                        .text()
                        .startsWith("The file einladungen.csv cannot be used:"),
                english.text());
    }

    @Test
    void anotherOrganiserGets403AndNothingIsStored() {
        Organiser other = fixtures.organiser("Stadt Fremd");
        Web stranger = accounts.signedIn(base, accounts.organiser(other));
        assertEquals(403, stranger.get(page).status());
        String token = Web.csrf(stranger.get("/verwaltung/aufrufe/neu"));
        Web.Page upload =
                stranger.postFile(token, page + "/vorschau", "file", "einladungen.csv", file());
        assertEquals(403, upload.status());
        assertFalse(upload.text().contains("Bert Bär"));
        Web.Page send =
                stranger.postWithToken(
                        token,
                        page + "/senden",
                        Map.of(
                                "content",
                                Base64.getEncoder().encodeToString(file()),
                                "language",
                                "de"));
        assertEquals(403, send.status());
        assertEquals(403, stranger.postWithToken(token, page + "/erinnern", Map.of()).status());
        assertEquals(
                403,
                stranger.postWithToken(token, page + "/erinnerungstage", Map.of("days", "3"))
                        .status());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));
        assertEquals(0, outboxRowsFor(good()));
        assertNull(
                db.row(
                                "SELECT (SELECT reminder_days FROM invitation_settings WHERE appeal_id = ?)"
                                        + " AS reminder_days",
                                appeal.id())
                        .get("reminder_days"));

        // the platform admin may
        Web admin = accounts.signedIn(base, accounts.admin());
        assertEquals(200, upload(admin, file()).status());
    }

    @Test
    void remindAllGoesExactlyToThoseWhoNeitherSignedNorOptedOut() {
        assertEquals(
                5,
                invitations.invite(
                        appeal,
                        csv.parse(appeal, file()).lines(),
                        "orga@stadt.example",
                        Locale.GERMAN));
        for (String to : good()) {
            TestSmtp.awaitMessagesTo(to, 1, MAIL_WAIT);
        }
        db.update("UPDATE invitation SET status = 'SIGNED' WHERE email_key = ?", addr("bert"));
        db.update("UPDATE invitation SET status = 'OPTED_OUT' WHERE email_key = ?", addr("cora"));

        Web.Page before = web.get(page);
        Element button = before.doc().selectFirst("form.remind-all button");
        assertEquals("Erinnerung an alle, die noch nicht unterzeichnet haben", button.text());
        Web.Page reminded = web.postWithToken(Web.csrf(before), page + "/erinnern", Map.of());
        assertEquals(303, reminded.status(), reminded.text());
        assertEquals(page + "?ok=reminded&n=3", reminded.header("Location"));
        assertEquals(
                "3 Erinnerungen werden verschickt.",
                web.get(reminded.header("Location")).doc().selectFirst(".notice.ok").text());
        for (String who : List.of("anna", "dana", "emil")) {
            assertEquals(2, TestSmtp.awaitMessagesTo(addr(who), 2, MAIL_WAIT).size(), who);
            assertEquals(
                    1,
                    db.count(
                            "SELECT reminders_sent FROM invitation WHERE email_key = ?",
                            addr(who)));
        }
        for (String who : List.of("bert", "cora")) {
            assertEquals(1, outboxRowsFor(List.of(addr(who))), who + " is not reminded");
            assertEquals(
                    0,
                    db.count(
                            "SELECT reminders_sent FROM invitation WHERE email_key = ?",
                            addr(who)));
        }
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'INVITATION_REMINDERS_SENT'"
                                + " AND details LIKE '%\"reminded\":3%'",
                        appeal.id()));
        Document list = web.get(page).doc();
        assertTrue(
                list.selectFirst("table.invitation-list")
                        .text()
                        .contains("möchte keine Erinnerung"));
        assertEquals(
                "1",
                list.selectFirst(".invitation-progress .count:nth-child(5) .n").text(),
                "signed");
        assertEquals(
                "1",
                list.selectFirst(".invitation-progress .count:nth-child(6) .n").text(),
                "opted out");
    }

    @Test
    void reminderDaysAreAtMostTwoNumbersFromOneToNinety() {
        for (String bad : List.of("7, 2, 30", "0", "91", "sieben", "7;-2")) {
            Web.Page refused = web.postForm(page, page + "/erinnerungstage", Map.of("days", bad));
            assertEquals(422, refused.status(), bad);
            assertEquals(
                    "Höchstens zwei Erinnerungstage, jeweils 1 bis 90 Tage vor der Frist.",
                    refused.doc().selectFirst(".notice.bad").text());
            assertEquals(bad, refused.doc().selectFirst("input[name=days]").val(), "kept as typed");
            assertNull(
                    db.row(
                                    "SELECT (SELECT reminder_days FROM invitation_settings WHERE appeal_id = ?)"
                                            + " AS reminder_days",
                                    appeal.id())
                            .get("reminder_days"));
        }
        Web.Page saved = web.postForm(page, page + "/erinnerungstage", Map.of("days", "2 7"));
        assertEquals(303, saved.status(), saved.text());
        assertEquals(
                "7,2",
                db.row(
                                "SELECT (SELECT reminder_days FROM invitation_settings WHERE appeal_id = ?)"
                                        + " AS reminder_days",
                                appeal.id())
                        .get("reminder_days"));
        Document shown = web.get(saved.header("Location")).doc();
        assertEquals("7, 2", shown.selectFirst("input[name=days]").val());
        assertEquals(
                "Die Tage für automatische Erinnerungen wurden gespeichert.",
                shown.selectFirst(".notice.ok").text());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'INVITATION_REMINDER_DAYS_SET'",
                        appeal.id()));

        assertEquals(
                303, web.postForm(page, page + "/erinnerungstage", Map.of("days", "")).status());
        assertNull(
                db.row(
                                "SELECT (SELECT reminder_days FROM invitation_settings WHERE appeal_id = ?)"
                                        + " AS reminder_days",
                                appeal.id())
                        .get("reminder_days"));
    }

    @Test
    void onlyAnOpenAppealTakesInvitations() {
        Appeal draft =
                fixtures.appeal(
                        city,
                        "Entwurf",
                        AppealStatus.DRAFT,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Text");
        String draftPage = "/verwaltung/aufrufe/" + draft.id() + "/einladungen";
        Web.Page shown = web.get(draftPage);
        assertEquals(200, shown.status());
        assertNull(shown.doc().selectFirst("form[action*=/vorschau]"));
        Web.Page refused =
                web.postFile(Web.csrf(shown), draftPage + "/vorschau", "file", "liste.csv", file());
        assertEquals(409, refused.status());
        assertTrue(
                refused.doc()
                        .selectFirst(".notice.bad")
                        .text()
                        .startsWith("Einladungen und Erinnerungen gibt es nur"));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", draft.id()));
    }

    @Test
    void aLongListIsPaged() {
        StringBuilder list = new StringBuilder("name,email,role,municipality\n");
        for (int i = 1; i <= ConsoleInvitationPages.PAGE_SIZE + 1; i++) {
            list.append("Person ")
                    .append(i)
                    .append(',')
                    .append(addr("p" + i))
                    .append(",MAYOR,06412000\n");
        }
        invitations.invite(
                appeal,
                csv.parse(appeal, list.toString().getBytes(StandardCharsets.UTF_8)).lines(),
                "orga@stadt.example",
                Locale.GERMAN);
        Document first = web.get(page).doc();
        assertEquals(
                ConsoleInvitationPages.PAGE_SIZE,
                first.select("table.invitation-list tbody tr").size());
        assertEquals("Seite 1 von 2", first.selectFirst(".pager span").text());
        Document second = web.get(first.selectFirst(".pager a[rel=next]").attr("href")).doc();
        assertEquals(
                List.of("Person " + (ConsoleInvitationPages.PAGE_SIZE + 1)),
                second.select("table.invitation-list tbody tr td:first-child").eachText());
    }

    @Test
    void theAppealPageLinksToTheInvitations() {
        Document edit = web.get("/verwaltung/aufrufe/" + appeal.id()).doc();
        assertNotNull(edit.selectFirst(".status-panel a[href=" + page + "]"));
    }
}
