package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held submissions stay bounded: one client address stores at most 3 per hour here (beyond the sign
 * limit of 2 per 5 minutes), the rest is only counted; the organiser sees one line per address and
 * releases or rejects all of it at once. Officials on their municipality's registered domain sign
 * through one shared address under a limit of their own (5 per 5 minutes here), and what is held
 * anyway shows on the dashboard.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.limits.sign", value = "2/5m")
@Property(name = "mitzeichnen.limits.sign-official", value = "5/5m")
@Property(name = "mitzeichnen.limits.sign-domain", value = "100/1h")
@Property(name = "mitzeichnen.limits.held", value = "3/1h")
class HeldSubmissionsTest {

    static final String FRANKFURT = "06412000";

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;
    @Inject MailDomains domains;
    @Inject Db db;

    URI base;
    Organiser organiser;
    Appeal appeal;
    String trending;
    String dashboard;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        base = URI.create(server.getURL().toString());
        organiser = fixtures.organiser("Stadt Gehalten");
        appeal =
                fixtures.appeal(
                        organiser,
                        "Gehalten-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-30T21:59:59Z"),
                        "Ein Aufruf.");
        trending = "/verwaltung/aufrufe/" + appeal.id() + "/auffaellig";
        dashboard = "/verwaltung/aufrufe/" + appeal.id() + "/uebersicht";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static String email() {
        // a domain of its own, so that only the address limit applies
        String u = UUID.randomUUID().toString().substring(0, 8);
        return "p-" + u + "@d" + u + ".example";
    }

    Web from(String address) {
        return new Web(base).withHeader("X-Forwarded-For", address);
    }

    /** Signs {@code n} times from one address, each with a new e-mail address and this name. */
    List<String> flood(String address, String name, int n) {
        Web bot = from(address);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = email();
            Map<String, String> form = new LinkedHashMap<>(validForm(email));
            form.put("name", name + " " + i);
            Web.Page answer = sign(bot, appeal.slug(), form);
            assertEquals(303, answer.status());
            assertEquals(
                    "/aufrufe/" + appeal.slug() + "/bitte-bestaetigen", answer.header("Location"));
            emails.add(email);
        }
        return emails;
    }

    long suspected() {
        return db.count(
                "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'SUSPECTED'",
                appeal.id());
    }

    String status(String email) {
        return (String)
                db.row(
                                "SELECT status FROM signature WHERE appeal_id = ? AND email = ?",
                                appeal.id(),
                                email)
                        .get("status");
    }

    /** The line of the „Auffällig" view whose names start with {@code name}. */
    static Element line(Web.Page page, String name) {
        for (Element li : page.doc().select("ul.held-addresses > li")) {
            if (li.text().contains(name + " ")) {
                return li;
            }
        }
        return null;
    }

    @Test
    void aFloodFromOneAddressStoresABoundedNumberOfHeldSubmissionsAndCountsTheRest() {
        String address = ConsoleAccounts.randomAddress();
        List<String> emails = flood(address, "Flut", 12);

        // two within the sign limit get their mail; of the ten held, three are stored
        assertEquals(
                2L,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'PENDING'",
                        appeal.id()));
        assertEquals(3L, suspected());
        assertEquals(
                10L, suspected() + ((Number) held("dropped")).longValue(), "the rest is counted");
        for (String email : emails.subList(2, 12)) {
            assertEquals(0, TestSmtp.messagesTo(email).size());
        }

        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        Web.Page page = console.get(trending);
        assertEquals(200, page.status());
        assertEquals(1, page.doc().select("ul.held-addresses > li").size(), "one line");
        Element line = line(page, "Flut");
        assertNotNull(line, page.text());
        assertTrue(line.text().contains("10 Eingänge zurückgehalten"), line.text());
        assertTrue(
                line.text().contains("3 Eingänge gespeichert, 7 Eingänge nur gezählt"),
                line.text());
        assertTrue(line.text().contains("Alle 3 freigeben"), line.text());
        assertTrue(page.text().contains("7 davon wurden nur gezählt, nicht gespeichert"));

        // The dashboard says that signers got no mail, and leads to the view.
        Web.Page dash = console.get(dashboard);
        assertEquals(200, dash.status());
        assertTrue(
                dash.text()
                        .contains(
                                "10 Eingänge wurden von einer Mengenbegrenzung zurückgehalten: Diese"
                                        + " Personen haben keine Bestätigungs-E-Mail bekommen."),
                dash.text());
        assertTrue(dash.text().contains("Sie kamen von 1 Anschluss."));
        assertFalse(dash.doc().select(".held-notice a[href=" + trending + "]").isEmpty());

        // An hour later the address may store three more held ones again, not more.
        clock.advance(Duration.ofMinutes(61));
        flood(address, "Später", 7);
        assertEquals(6L, suspected());
        assertEquals(9L, ((Number) held("dropped")).longValue());
    }

    @Test
    void theOrganiserReleasesOrRejectsEverythingHeldFromOneAddress() {
        List<String> bot = flood(ConsoleAccounts.randomAddress(), "Programm", 7);
        List<String> hall = flood(ConsoleAccounts.randomAddress(), "Rathaus", 3);
        assertEquals(4L, suspected());

        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        Web.Page page = console.get(trending);
        Element townHall = line(page, "Rathaus");
        Element program = line(page, "Programm");
        assertNotNull(townHall, page.text());
        assertNotNull(program, page.text());
        assertTrue(
                program.text().contains("3 Eingänge gespeichert, 2 Eingänge nur gezählt"),
                program.text());
        String hallAddress = townHall.selectFirst("input[name=address]").val();
        String programAddress = program.selectFirst("input[name=address]").val();

        // another organiser cannot decide on this appeal's held submissions
        Web stranger =
                accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));
        Web.Page refused =
                stranger.postWithToken(
                        stranger.csrfToken(),
                        trending + "/anschluss",
                        Map.of("address", hallAddress, "action", "CLEAR", "reason", "ich"));
        assertTrue(
                !stranger.csrfToken().isEmpty()
                        && (refused.status() == 403 || refused.status() == 404),
                "" + refused.status());
        assertEquals("SUSPECTED", status(hall.get(2)));

        // without a reason nothing happens
        Web.Page noReason =
                console.postForm(
                        trending,
                        trending + "/anschluss",
                        Map.of("address", hallAddress, "action", "CLEAR", "reason", " "));
        assertEquals(422, noReason.status());
        assertTrue(noReason.text().contains("Bitte geben Sie einen Grund an."));
        assertEquals("SUSPECTED", status(hall.get(2)));
        Web.Page badAddress =
                console.postForm(
                        trending,
                        trending + "/anschluss",
                        Map.of("address", "<x>", "action", "CLEAR", "reason", "ok"));
        assertEquals(422, badAddress.status());
        assertTrue(badAddress.text().contains("Dieser Anschluss ist unbekannt."));

        // Releasing the town hall: its one held submission gets its confirmation mail now.
        Web.Page released =
                console.postForm(
                        trending,
                        trending + "/anschluss",
                        Map.of(
                                "address",
                                hallAddress,
                                "action",
                                "CLEAR",
                                "reason",
                                "Kolleg:innen im Rathaus"));
        assertEquals(303, released.status());
        Web.Page after = console.get(released.header("Location"));
        assertTrue(
                after.text()
                        .contains(
                                "1 zurückgehaltener Eingang freigegeben; die Bestätigungs-E-Mail"
                                        + " geht jetzt hinaus."),
                after.text());
        assertEquals("PENDING", status(hall.get(2)));
        assertEquals(1, mails(hall.get(2), 1).size());
        assertEquals(null, line(after, "Rathaus"));

        // Rejecting the program: the three stored ones rejected, the two counted done with.
        Web.Page rejected =
                console.postForm(
                        trending,
                        trending + "/anschluss",
                        Map.of("address", programAddress, "action", "REJECT", "reason", "Bot"));
        assertEquals(303, rejected.status());
        after = console.get(rejected.header("Location"));
        assertTrue(after.text().contains("3 zurückgehaltene Eingänge abgelehnt."), after.text());
        assertTrue(
                after.text().contains("2 weitere Eingänge waren nur gezählt, nicht gespeichert"),
                after.text());
        assertTrue(after.text().contains("Nichts zurückgehalten."), after.text());
        for (String email : bot.subList(2, 5)) {
            assertEquals("REJECTED", status(email));
            assertEquals(0, TestSmtp.messagesTo(email).size());
        }
        assertEquals(0L, suspected());
        assertEquals(
                2L,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action IN"
                                + " ('HELD_ADDRESS_CLEAR', 'HELD_ADDRESS_REJECT')",
                        appeal.id()));
        assertFalse(
                console.get(dashboard).text().contains("Mengenbegrenzung zurückgehalten"),
                "nothing held any more");
    }

    @Test
    void officialsOfOneTownHallSignThroughOneAddressAndWhatIsHeldShowsOnTheDashboard() {
        String domain = "rathaus-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
        domains.addDomain(FRANKFURT, domain, "console", true);
        Web townHall = from(ConsoleAccounts.randomAddress());
        List<String> officials = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String email = "amt" + i + "@" + domain;
            officials.add(email);
            assertEquals(303, sign(townHall, appeal.slug(), validForm(email)).status());
        }
        // five officials of Frankfurt on Frankfurt's domain: far beyond the usual limit of two
        for (String email : officials.subList(0, 5)) {
            assertEquals(1, mails(email, 1).size());
            assertEquals("PENDING", status(email));
        }
        // the sixth is held, and the organiser hears of it on the dashboard
        assertEquals("SUSPECTED", status(officials.get(5)));
        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        Web.Page dash = console.get(dashboard);
        assertTrue(
                dash.text()
                        .contains(
                                "1 Eingang wurde von einer Mengenbegrenzung zurückgehalten: Die"
                                        + " Person hat keine Bestätigungs-E-Mail bekommen."),
                dash.text());

        // The same address signing for another place, or from another domain, has the usual
        // limit.
        Map<String, String> elsewhere = validForm("amt9@" + domain);
        elsewhere.put("municipality", "05315000");
        String other1 = email();
        String other2 = email();
        sign(townHall, appeal.slug(), validForm(other1));
        sign(townHall, appeal.slug(), validForm(other2));
        sign(townHall, appeal.slug(), elsewhere);
        assertEquals("PENDING", status(other1));
        assertEquals("PENDING", status(other2));
        assertEquals("SUSPECTED", status("amt9@" + domain));
    }

    Object held(String column) {
        return db.row(
                        "SELECT COALESCE(SUM("
                                + column
                                + "), 0) AS v FROM held_address"
                                + " WHERE appeal_id = ?",
                        appeal.id())
                .get("v");
    }
}
