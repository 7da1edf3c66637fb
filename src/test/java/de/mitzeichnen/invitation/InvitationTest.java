package de.mitzeichnen.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class InvitationTest {

    static final Instant DEADLINE = Instant.parse("2025-12-03T22:59:59Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject InvitationCsv csv;
    @Inject Invitations invitations;
    @Inject ReminderJob reminders;

    Web web;
    Appeal appeal;
    String tag;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Einladungs-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        DEADLINE);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@stadt.example";
    }

    byte[] file() {
        String text =
                String.join(
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
                        + "\r\n";
        return text.getBytes(Charset.forName("windows-1252"));
    }

    @Test
    void
            aFileWithFiveGoodAndThreeBadRowsShowsExactlyTheThreeProblemsAndSendsNothingUntilConfirmed() {
        InvitationCsv.Parsed parsed = csv.parse(appeal, file());
        assertEquals(8, parsed.lines().size());
        assertEquals(5, parsed.good().size());
        assertEquals(3, parsed.bad());
        assertEquals(List.of("invitation.problem.email"), parsed.lines().get(5).problems());
        assertEquals(List.of("invitation.problem.municipality"), parsed.lines().get(6).problems());
        assertEquals(List.of("invitation.problem.duplicate"), parsed.lines().get(7).problems());
        assertEquals("Bert Bär", parsed.lines().get(1).name(), "Windows-1252 read correctly");
        assertEquals("09162000", parsed.lines().get(1).place().ags());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));

        assertEquals(
                5, invitations.invite(appeal, parsed.lines(), "orga@stadt.example", Locale.GERMAN));
        for (String who : List.of("anna", "bert", "cora", "dana", "emil")) {
            MimeMessage m = TestSmtp.awaitMessagesTo(addr(who), 1, Duration.ofSeconds(15)).get(0);
            assertTrue(Mails.subject(m).startsWith("Einladung zum Mitzeichnen: Einladungs-Aufruf"));
        }
        Invitations.Progress p = invitations.progress(appeal.id());
        assertEquals(5, p.invited());

        // the same file again: everyone is already invited
        InvitationCsv.Parsed again = csv.parse(appeal, file());
        assertEquals(0, again.good().size());
    }

    @Test
    void utf8CommaFilesWorkAndBadFilesSayWhy() {
        String utf8 =
                "name,email,role,municipality\nZoë Zürich," + addr("zoe") + ",MAYOR,06412000\n";
        InvitationCsv.Parsed parsed = csv.parse(appeal, utf8.getBytes(StandardCharsets.UTF_8));
        assertEquals("Zoë Zürich", parsed.good().get(0).name());
        assertEquals(
                "invitation.csv.header", csv.parse(appeal, "a;b\n1;2\n".getBytes()).fileProblem());
        assertEquals("invitation.csv.empty", csv.parse(appeal, new byte[0]).fileProblem());
        assertEquals(
                "invitation.csv.malformed",
                csv.parse(appeal, "name,email,role,municipality\n\"x,y,z,w\n".getBytes())
                        .fileProblem());
    }

    @Test
    void signingThroughTheInvitationLinkIsPrefilledAndGivesTrustInvited() {
        invitations.invite(
                appeal, csv.parse(appeal, file()).lines(), "orga@stadt.example", Locale.GERMAN);
        MimeMessage mail = TestSmtp.awaitMessagesTo(addr("anna"), 1, Duration.ofSeconds(15)).get(0);
        String path = Mails.link(mail, "/einladung/");
        Web.Page form = web.get(path);
        assertEquals(200, form.status());
        Document doc = form.doc();
        assertEquals("Anna Alt", doc.selectFirst("input[name=name]").attr("value"));
        assertEquals(addr("anna"), doc.selectFirst("input[name=email]").attr("value"));
        assertEquals(
                "Frankfurt am Main (06412000)",
                doc.selectFirst("input[name=municipality]").attr("value"));
        assertNotNull(doc.selectFirst("select[name=role] option[selected][value=MAYOR]"));

        Map<String, String> fields = new LinkedHashMap<>();
        for (var input : doc.select("form.stack input[name], form.stack select[name]")) {
            String name = input.attr("name");
            if (input.tagName().equals("select")) {
                var selected = input.selectFirst("option[selected]");
                fields.put(name, selected == null ? "" : selected.attr("value"));
            } else if (!input.attr("type").equals("checkbox")) {
                fields.put(name, input.attr("value"));
            }
        }
        fields.put("privacy", "on");
        Web.Page answer = web.post("/aufrufe/" + appeal.slug() + "/unterzeichnen", fields);
        assertEquals(303, answer.status(), answer.text());
        assertTrue(
                answer.header("Location").startsWith("/bestaetigen/"), answer.header("Location"));
        Web.Page confirm = web.get(answer.header("Location"));
        Web.Page done = web.post(answer.header("Location"), Map.of("csrfToken", csrf(confirm)));
        assertTrue(done.text().contains("Vielen Dank"), done.text());
        Map<String, Object> row =
                db.row("SELECT status, trust FROM signature WHERE email_key = ?", addr("anna"));
        assertEquals("CONFIRMED", row.get("status"));
        assertEquals("INVITED", row.get("trust"));
        assertEquals(
                "SIGNED",
                db.row("SELECT status FROM invitation WHERE email_key = ?", addr("anna"))
                        .get("status"));
        // one invitation mail and one confirmation with the withdrawal link — no second
        // confirmation mail
        assertEquals(2, TestSmtp.awaitMessagesTo(addr("anna"), 2, Duration.ofSeconds(15)).size());
    }

    @Test
    void remindersGoOnlyToThoseWhoNeitherSignedNorOptedOutAndOnTheirDays() {
        Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> invitations.setReminderDays(appeal.id(), List.of(7, 2, 30)));
        Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> invitations.setReminderDays(appeal.id(), List.of(0)));
        assertEquals(List.of(), invitations.reminderDays(appeal.id()));
        invitations.setReminderDays(appeal.id(), List.of(2, 7));
        assertEquals(List.of(7, 2), invitations.reminderDays(appeal.id()));
        invitations.invite(
                appeal, csv.parse(appeal, file()).lines(), "orga@stadt.example", Locale.GERMAN);
        TestSmtp.awaitMessagesTo(addr("emil"), 1, Duration.ofSeconds(15));
        db.update("UPDATE invitation SET status = 'SIGNED' WHERE email_key = ?", addr("bert"));
        String optOut =
                Mails.link(
                        TestSmtp.awaitMessagesTo(addr("cora"), 1, Duration.ofSeconds(15)).get(0),
                        "/einladung/");
        Web.Page optOutPage = web.get(optOut + "/keine-erinnerung");
        assertEquals(200, optOutPage.status());
        assertEquals(
                "SENT",
                db.row("SELECT status FROM invitation WHERE email_key = ?", addr("cora"))
                        .get("status"),
                "GET changes nothing");
        web.post(optOut + "/keine-erinnerung", Map.of("csrfToken", csrf(optOutPage)));
        assertEquals(
                "OPTED_OUT",
                db.row("SELECT status FROM invitation WHERE email_key = ?", addr("cora"))
                        .get("status"));

        clock.set(DEADLINE.minus(Duration.ofDays(7)).minusSeconds(1));
        assertEquals(0, invitations.remindDue(appeal));
        clock.set(DEADLINE.minus(Duration.ofDays(7)));
        assertEquals(3, invitations.remindDue(appeal), "anna, dana, emil");
        assertEquals(0, invitations.remindDue(appeal), "once per reminder day");
        clock.set(DEADLINE.minus(Duration.ofDays(2)));
        reminders.runOnce();
        assertEquals(
                2,
                db.count(
                        "SELECT reminders_sent FROM invitation WHERE email_key = ?", addr("anna")));
        assertEquals(
                0,
                db.count(
                        "SELECT reminders_sent FROM invitation WHERE email_key = ?", addr("cora")));
        assertEquals(
                0,
                db.count(
                        "SELECT reminders_sent FROM invitation WHERE email_key = ?", addr("bert")));
        assertEquals(3, TestSmtp.awaitMessagesTo(addr("anna"), 3, Duration.ofSeconds(15)).size());
        clock.set(DEADLINE);
        assertEquals(0, invitations.remindDue(appeal), "no reminders after the deadline");
    }

    static String csrf(Web.Page page) {
        var input = page.doc().selectFirst("input[name=csrfToken]");
        return input == null ? "" : input.attr("value");
    }
}
