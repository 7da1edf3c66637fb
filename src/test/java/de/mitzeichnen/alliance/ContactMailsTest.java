package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.ContactTestData.assertStatus;
import static de.mitzeichnen.alliance.ContactTestData.submit;
import static de.mitzeichnen.alliance.ContactTestData.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.mail.MailDispatcher;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mails to contacts through HTTP and a real SMTP server: the invitation carries a working
 * unsubscribe link and the List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058); GET on
 * the link changes nothing, the one-click POST unsubscribes without a page or cookie; after that
 * the alliance never mails the address again — no reminder, no new invitation, not even a mail that
 * was already waiting in the outbox when the address unsubscribed.
 */
@MicronautTest(transactional = false)
class ContactMailsTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject AllianceAppeals allianceAppeals;
    @Inject Unsubscribes unsubscribes;
    @Inject MailDispatcher dispatcher;

    URI base;
    Organiser city;
    Alliance alliance;
    MemberPlace muenchen;
    Appeal appeal;
    Web web;
    String tag;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Abmelden");
        alliance = data.alliance(city, true);
        muenchen = data.member(alliance, "09162000", "DE", "2019-06-14", null);
        MemberPlace fulda = data.member(alliance, "06631", "DE", "2020-03-01", null);
        tag = Fixtures.unique("m").substring(2);
        data.contact(alliance, muenchen, "Anna Alt", SignerRole.LORD_MAYOR, addr("anna"), "");
        data.contact(
                alliance, muenchen, "Bert Bär", SignerRole.COUNCILLOR, addr("bert"), "Stadtrat");
        data.contact(
                alliance,
                fulda,
                "Cora Crüger",
                SignerRole.DISTRICT_ADMINISTRATOR,
                addr("cora"),
                "");
        appeal = appeal("Aufnahme ermöglichen");
        web = accounts.signedIn(base, accounts.organiser(city));
    }

    @AfterEach
    void tearDown() {
        TestSmtp.start();
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@stadt.example";
    }

    Appeal appeal(String title) {
        Appeal a =
                data.appeal(
                        city,
                        title,
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"));
        assertTrue(allianceAppeals.link(alliance, a, Actor.system()));
        return a;
    }

    /** Invites every current member's contact to {@code a} through the console. */
    Web.Page inviteAll(Appeal a) {
        String path =
                "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe/" + a.id() + "/einladen";
        Web.Page page = web.get(path);
        assertStatus(200, page);
        return submit(web, page, "/einladen?", Map.of());
    }

    @Test
    void theInvitationCarriesTheUnsubscribeLinkAndHeadersAndGetChangesNothingButPostUnsubscribes()
            throws Exception {
        assertStatus(303, inviteAll(appeal));
        MimeMessage mail = TestSmtp.awaitMessagesTo(addr("anna"), 1, WAIT).get(0);
        String[] listUnsubscribe = mail.getHeader("List-Unsubscribe");
        assertNotNull(listUnsubscribe, "List-Unsubscribe header");
        assertEquals(1, listUnsubscribe.length);
        assertTrue(
                listUnsubscribe[0].matches(
                        "<https?://[^/>]+/abmelden/[0-9]+-[0-9a-f]{64}-[0-9a-f]{32}>"),
                listUnsubscribe[0]);
        assertArrayEquals(
                new String[] {"List-Unsubscribe=One-Click"},
                mail.getHeader("List-Unsubscribe-Post"));
        String link = Mails.link(mail, "/abmelden/");
        assertEquals(
                link,
                URI.create(listUnsubscribe[0].substring(1, listUnsubscribe[0].length() - 1))
                        .getPath(),
                "the header names the link of the text");
        String text = Mails.text(mail);
        assertTrue(
                text.contains("Keine E-Mails mehr vom Bündnis „" + alliance.name() + "“?"), text);
        // the same link for the same address in every mail; another address has its own
        String bertLink =
                Mails.link(TestSmtp.awaitMessagesTo(addr("bert"), 1, WAIT).get(0), "/abmelden/");
        assertFalse(bertLink.equals(link));

        // GET, as a mail gateway checking links would: a page with a button, nothing changed
        Web.Page shown = new Web(base).get(link);
        assertStatus(200, shown);
        assertEquals("no-store", shown.header("Cache-Control"));
        assertNotNull(shown.doc().selectFirst("form[method=post] button"));
        assertTrue(shown.text().contains(alliance.name()), shown.text());
        assertEquals(0, unsubscribed());
        assertEquals("SENT", invitationStatus(addr("anna")));

        // RFC 8058 one-click: a POST from the mail provider's server, no cookie, no page, no token
        Web.Page oneClick = new Web(base).postEncoded(link, "List-Unsubscribe=One-Click");
        assertStatus(200, oneClick);
        assertEquals(1, unsubscribed());
        assertEquals("OPTED_OUT", invitationStatus(addr("anna")), "no reminders any more");
        assertEquals("SENT", invitationStatus(addr("bert")));
        String audit =
                db.row(
                                "SELECT details FROM audit_entry WHERE action = 'ALLIANCE_CONTACT_UNSUBSCRIBED'"
                                        + " AND details LIKE ?",
                                "%" + alliance.slug() + "%")
                        .get("details")
                        .toString();
        assertTrue(audit.contains("München (09162000)"), audit);
        assertFalse(audit.contains("anna"), "no address in the log");
        // a second press (or the button after the one-click) changes nothing more
        assertStatus(200, new Web(base).post(link, Map.of()));
        assertEquals(1, unsubscribed());
        assertTrue(
                new Web(base).get(link).text().contains("Sie sind abgemeldet"),
                "the page says so now");
        // a link someone made up for another address is refused
        String forged = link.substring(0, link.length() - 1) + (link.endsWith("0") ? "1" : "0");
        assertStatus(404, new Web(base).postEncoded(forged, "List-Unsubscribe=One-Click"));
        assertEquals(1, unsubscribed());

        // the console shows it
        Web.Page contacts = web.get("/verwaltung/buendnisse/" + alliance.id() + "/kontakte");
        assertEquals(List.of("abgemeldet"), texts(contacts, "tr[data-contact] .state"));
    }

    @Test
    void anUnsubscribedAddressGetsNoReminderNoNewInvitationAndNoMailThatWasWaiting() {
        assertStatus(303, inviteAll(appeal));
        String annaLink =
                Mails.link(TestSmtp.awaitMessagesTo(addr("anna"), 1, WAIT).get(0), "/abmelden/");
        TestSmtp.awaitMessagesTo(addr("cora"), 1, WAIT);
        assertStatus(200, new Web(base).postEncoded(annaLink, "List-Unsubscribe=One-Click"));

        // reminders of the appeal: everyone who has not signed — but not anna
        String invitations = "/verwaltung/aufrufe/" + appeal.id() + "/einladungen";
        Web.Page list = web.get(invitations);
        assertStatus(303, submit(web, list, "/erinnern", Map.of()));
        assertEquals(2, TestSmtp.awaitMessagesTo(addr("bert"), 2, WAIT).size());
        assertEquals(2, TestSmtp.awaitMessagesTo(addr("cora"), 2, WAIT).size());
        assertEquals(1, TestSmtp.messagesTo(addr("anna")).size());

        // another appeal of the alliance: anna is left out, with the reason
        Appeal second = appeal("Zweiter Aufruf");
        String path =
                "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe/" + second.id() + "/einladen";
        Web.Page preview = web.get(path);
        assertEquals(
                List.of("1 Kontakt hat sich abgemeldet"),
                texts(preview, "ul.skips li"),
                preview.text());
        assertEquals(
                "2 von 3 Kontakten werden eingeladen",
                preview.doc().selectFirst(".preview-counts").text());
        assertStatus(303, submit(web, preview, "/einladen?", Map.of()));
        assertEquals(3, TestSmtp.awaitMessagesTo(addr("bert"), 3, WAIT).size());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM invitation WHERE appeal_id = ? AND email_key = ?",
                        second.id(),
                        addr("anna")));

        // an invitation list uploaded for an appeal of the alliance: the row says why not
        byte[] file =
                ("Name;E-Mail;Funktion;Gemeinde\nAnna Alt;" + addr("anna") + ";MAYOR;09162000\n")
                        .getBytes(StandardCharsets.UTF_8);
        String upload = "/verwaltung/aufrufe/" + second.id() + "/einladungen";
        Web.Page csvPreview =
                web.postFile(
                        Web.csrf(web.get(upload)), upload + "/vorschau", "file", "l.csv", file);
        assertEquals(
                List.of("hat sich von den Mails des Bündnisses abgemeldet"),
                texts(csvPreview, "td.problems .problem"));
        assertEquals(1, TestSmtp.messagesTo(addr("anna")).size(), "still only the first mail");

        // a mail already waiting when its address unsubscribes is withheld at send time
        data.contact(alliance, muenchen, "Dora Dorf", SignerRole.DEZERNENT, addr("dora"), "");
        Appeal third = appeal("Dritter Aufruf");
        TestSmtp.stop();
        try {
            assertStatus(303, inviteAll(third));
            long outboxId =
                    ((Number)
                                    db.row(
                                                    "SELECT outbox_id FROM invitation WHERE appeal_id = ? AND email_key = ?",
                                                    third.id(),
                                                    addr("dora"))
                                            .get("outbox_id"))
                            .longValue();
            // the wake-up after the commit tried while the server was away: the mail waits
            Eventually.await(
                    "a first attempt that failed",
                    WAIT,
                    () -> {
                        Map<String, Object> r =
                                db.row(
                                        "SELECT status, attempts FROM outbox_message WHERE id = ?",
                                        outboxId);
                        return "PENDING".equals(r.get("status"))
                                && ((Number) r.get("attempts")).intValue() > 0;
                    });
            String doraLink = URI.create(unsubscribes.url(alliance.id(), addr("dora"))).getPath();
            assertStatus(200, new Web(base).postEncoded(doraLink, "List-Unsubscribe=One-Click"));
            TestSmtp.start();
            clock.advance(Duration.ofMinutes(5));
            dispatcher.dispatchDue();
            Eventually.await(
                    "the mail withheld",
                    WAIT,
                    () ->
                            "FAILED"
                                    .equals(
                                            db.row(
                                                            "SELECT status FROM outbox_message WHERE id = ?",
                                                            outboxId)
                                                    .get("status")));
            Map<String, Object> row =
                    db.row("SELECT status, last_error FROM outbox_message WHERE id = ?", outboxId);
            assertTrue(row.get("last_error").toString().startsWith("Withheld: "), row.toString());
            assertEquals(0, TestSmtp.messagesTo(addr("dora")).size());
        } finally {
            TestSmtp.start();
        }
    }

    @Test
    void erasingAnUnsubscribedContactKeepsOnlyTheHashAndTheAddressStaysUnmailed() {
        assertStatus(303, inviteAll(appeal));
        String annaLink =
                Mails.link(TestSmtp.awaitMessagesTo(addr("anna"), 1, WAIT).get(0), "/abmelden/");
        assertStatus(200, new Web(base).postEncoded(annaLink, "List-Unsubscribe=One-Click"));
        long id =
                ((Number)
                                db.row(
                                                "SELECT id FROM alliance_contact WHERE email = ?",
                                                addr("anna"))
                                        .get("id"))
                        .longValue();
        String erase = "/verwaltung/buendnisse/" + alliance.id() + "/kontakte/" + id + "/loeschen";
        assertStatus(303, submit(web, web.get(erase), "/loeschen", Map.of()));
        assertEquals(0, db.count("SELECT COUNT(*) FROM alliance_contact WHERE id = ?", id));
        assertEquals(
                0,
                db.count("SELECT COUNT(*) FROM invitation WHERE email_key = ?", addr("anna")),
                "the invitations go with the contact");
        assertEquals(1, unsubscribed(), "the objection stays, as a hash");
        // the link still works and still says so
        assertTrue(new Web(base).get(annaLink).text().contains("Sie sind abgemeldet"));

        // entered again later: never invited again
        data.contact(alliance, muenchen, "Anna Alt", SignerRole.LORD_MAYOR, addr("anna"), "");
        Appeal second = appeal("Noch ein Aufruf");
        assertStatus(303, inviteAll(second));
        TestSmtp.awaitMessagesTo(addr("bert"), 2, WAIT);
        assertEquals(1, TestSmtp.messagesTo(addr("anna")).size());
    }

    long unsubscribed() {
        return db.count(
                "SELECT COUNT(*) FROM alliance_unsubscribe WHERE alliance_id = ?", alliance.id());
    }

    String invitationStatus(String email) {
        return db.row(
                        "SELECT status FROM invitation WHERE appeal_id = ? AND email_key = ?",
                        appeal.id(),
                        email)
                .get("status")
                .toString();
    }
}
