package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.ContactTestData.assertStatus;
import static de.mitzeichnen.alliance.ContactTestData.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After „Kontakt löschen", a dump of every table of the database holds nothing of the contact
 * person — name, address, note, the personal invitation link, the mails to them —, also when they
 * had been invited and had opened their link; of one that unsubscribed only the hash of the
 * objection stays.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.erase-sent", value = "true")
class ContactErasureLeavesNoTraceTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject AllianceAppeals allianceAppeals;

    /** Every row of every table as text, like a mysqldump of the data. */
    String dump() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> table : db.rows("SHOW TABLES")) {
            String name = table.values().iterator().next().toString();
            for (Map<String, Object> row : db.rows("SELECT * FROM `" + name + "`")) {
                out.append(name).append(' ').append(row.values()).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void nothingOfAnErasedContactIsLeftAnywhere() {
        URI base = URI.create(server.getURL().toString());
        Organiser city = fixtures.organiser("Stadt Spurlos");
        Alliance alliance = data.alliance(city, true);
        MemberPlace muenchen = data.member(alliance, "09162000", "DE", "2019-06-14", null);
        Appeal appeal =
                data.appeal(
                        city,
                        "Spurlos einladen",
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        allianceAppeals.link(alliance, appeal, Actor.system());
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = "Hedwig Kontaktperson" + unique;
        String email = "kontakt-" + unique + "@stadt-test.example";
        String note = "Erreichbar dienstags " + unique;
        String other = "andere-" + unique + "@stadt-test.example";
        Web web = accounts.signedIn(base, accounts.organiser(city));
        String contacts = "/verwaltung/buendnisse/" + alliance.id() + "/kontakte";
        for (String[] c :
                List.of(
                        new String[] {name, email, note},
                        new String[] {"Otto Anders" + unique, other, ""})) {
            assertStatus(
                    303,
                    submit(
                            web,
                            web.get(contacts),
                            "/kontakte?",
                            Map.of(
                                    "place",
                                    muenchen.id(),
                                    "name",
                                    c[0],
                                    "role",
                                    "LORD_MAYOR",
                                    "email",
                                    c[1],
                                    "body",
                                    "Stadtrat " + unique,
                                    "note",
                                    c[2])));
        }
        String invite =
                "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe/" + appeal.id() + "/einladen";
        assertStatus(303, submit(web, web.get(invite), "/einladen?", Map.of()));
        MimeMessage mail = TestSmtp.awaitMessagesTo(email, 1, Duration.ofSeconds(15)).get(0);
        String invitation = Mails.link(mail, "/einladung/");
        assertStatus(200, new Web(base).get(invitation));
        // the other contact unsubscribes: its objection must outlive its erasure
        MimeMessage otherMail = TestSmtp.awaitMessagesTo(other, 1, Duration.ofSeconds(15)).get(0);
        assertStatus(
                200,
                new Web(base)
                        .postEncoded(
                                Mails.link(otherMail, "/abmelden/"), "List-Unsubscribe=One-Click"));

        for (Map<String, Object> row :
                db.rows("SELECT id FROM alliance_contact WHERE alliance_id = ?", alliance.id())) {
            String erase = contacts + "/" + row.get("id") + "/loeschen";
            assertStatus(303, submit(web, web.get(erase), "/loeschen", Map.of()));
        }

        List<String> secrets =
                List.of(
                        name,
                        email,
                        note,
                        "Otto Anders" + unique,
                        other,
                        invitation.substring("/einladung/".length()));
        // the mails go out asynchronously; once sent, their rows are erased
        long until = System.nanoTime() + 10_000_000_000L;
        String dump = dump();
        while (secrets.stream().anyMatch(dump::contains) && System.nanoTime() < until) {
            sleep();
            dump = dump();
        }
        for (String secret : secrets) {
            int at = dump.indexOf(secret);
            assertFalse(
                    at >= 0,
                    "still in the database: "
                            + secret
                            + " in "
                            + (at < 0
                                    ? ""
                                    : dump.substring(
                                            Math.max(0, dump.lastIndexOf('\n', at)),
                                            Math.min(dump.length(), at + 80))));
        }
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM alliance_contact WHERE alliance_id = ?",
                        alliance.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM alliance_unsubscribe WHERE alliance_id = ?",
                        alliance.id()),
                "only the hash of the objection");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
