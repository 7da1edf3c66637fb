package de.mitzeichnen.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserKind;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.VerificationMethod;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention with a moved clock: unconfirmed signatures go 24 h after their link expired, IP hashes
 * 30 days after the deadline, the organiser is warned once 14 days before the anonymisation at
 * deadline + 180 days, which keeps the counts and stops exports.
 */
@MicronautTest(transactional = false)
class RetentionTest {

    static final Instant DEADLINE = Instant.parse("2026-01-31T22:59:59Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Organisers organisers;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject Signatures signatures;
    @Inject RetentionJob retentionJob;
    @Inject PendingPurgeJob purgeJob;
    @Inject Retention retention;

    URI base;
    Organiser organiser;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-01-10T10:00:00Z"));
        base = URI.create(server.getURL().toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        organiser =
                organisers.seed(
                        new Organiser(
                                null,
                                Fixtures.unique("Stadt Frist"),
                                OrganiserKind.CITY,
                                "06412000",
                                Fixtures.unique("kontakt") + "@stadt.example",
                                null,
                                now,
                                now,
                                null,
                                null));
        appeal =
                fixtures.appeal(
                        organiser,
                        "Aufbewahrungs-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        DEADLINE,
                        "Ein Aufruf.");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    Web browser() {
        return new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
    }

    /** Signs for Frankfurt and returns the confirmation link's path. */
    String sign(String email) {
        Web web = browser();
        Web.Page page = web.get("/aufrufe/" + appeal.slug());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Erika " + email);
        form.put("role", "MAYOR");
        form.put("municipality", "06412000");
        form.put("country", "DE");
        form.put("email", email);
        form.put("privacy", "on");
        form.put("csrfToken", Web.csrf(page));
        assertEquals(303, web.post("/aufrufe/" + appeal.slug() + "/unterzeichnen", form).status());
        return URI.create(
                        Mails.link(
                                TestSmtp.awaitMessagesTo(email, 1, Duration.ofSeconds(15)).get(0),
                                "/bestaetigen/"))
                .getPath();
    }

    void confirm(String path) {
        Web web = browser();
        Web.Page page = web.get(path);
        assertEquals(200, web.post(path, Map.of("csrfToken", Web.csrf(page))).status());
    }

    static String email() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
    }

    Map<String, Object> counts() {
        return db.row(
                "SELECT municipalities, districts, signatures, population, awaiting FROM appeal_support"
                        + " WHERE appeal_id = ?",
                appeal.id());
    }

    long id(String email) {
        return ((Number) db.row("SELECT id FROM signature WHERE email = ?", email).get("id"))
                .longValue();
    }

    @Test
    void
            pendingGoesAfterItsLinkPlusGraceIpHashesAfterThirtyDaysAndEverythingPersonalAfterTheRetention() {
        String a = email();
        String b = email();
        String c = email();
        confirm(sign(a));
        confirm(sign(b));
        sign(c);
        long idA = id(a);
        assertTrue(signatures.verify(appeal.id(), idA, "test", VerificationMethod.PHONE, null));
        Map<String, Object> before = counts();
        assertEquals(1L, ((Number) before.get("signatures")).longValue());
        assertEquals(1L, ((Number) before.get("awaiting")).longValue());

        // C's link expires 7 days after signing; it stays for the 24 h grace, then goes.
        clock.set(Instant.parse("2026-01-18T09:59:00Z"));
        purgeJob.run();
        assertEquals(1L, db.count("SELECT COUNT(*) FROM signature WHERE email = ?", c));
        clock.set(Instant.parse("2026-01-18T10:01:00Z"));
        purgeJob.run();
        assertEquals(0L, db.count("SELECT COUNT(*) FROM signature WHERE email = ?", c));
        assertEquals(
                2L, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
        assertEquals(before, counts(), "deleting the pending one changes no count");

        // IP hashes: kept for 30 days after the deadline, then gone.
        clock.set(DEADLINE.plus(Duration.ofDays(29)));
        retentionJob.run();
        assertEquals(
                2L,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND ip_hash IS NOT NULL",
                        appeal.id()));
        clock.set(DEADLINE.plus(Duration.ofDays(30)).plusSeconds(60));
        retentionJob.run();
        assertEquals(
                0L,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND ip_hash IS NOT NULL",
                        appeal.id()));

        // The warning: not before deadline + 166 days, then exactly once.
        Instant due = DEADLINE.plus(Duration.ofDays(180));
        clock.set(due.minus(Duration.ofDays(14)).minusSeconds(60));
        retentionJob.run();
        clock.set(due.minus(Duration.ofDays(14)).plusSeconds(60));
        retentionJob.run();
        retentionJob.run();
        var warnings =
                TestSmtp.awaitMessagesTo(organiser.contactEmail(), 1, Duration.ofSeconds(15));
        assertTrue(
                Mails.subject(warnings.get(0)).contains("Aufbewahrungs-Aufruf"),
                Mails.subject(warnings.get(0)));
        assertTrue(
                Mails.text(warnings.get(0)).contains("exportieren"), Mails.text(warnings.get(0)));

        // Until the due time nothing is erased and the export works.
        clock.set(due.minusSeconds(60));
        retentionJob.run();
        assertNotNull(db.row("SELECT name FROM signature WHERE id = ?", idA).get("name"));
        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        String export = "/verwaltung/aufrufe/" + appeal.slug() + "/export.csv";
        assertEquals(200, console.download(export).statusCode());

        clock.set(due.plusSeconds(60));
        retentionJob.run();
        for (Map<String, Object> row :
                db.rows("SELECT * FROM signature WHERE appeal_id = ?", appeal.id())) {
            assertNull(row.get("name"));
            assertNull(row.get("email"));
            assertNull(row.get("email_key"));
            assertNull(row.get("body"));
            assertEquals("CONFIRMED", row.get("status"));
            assertEquals("06412000", row.get("municipality_ags"));
            assertEquals("MAYOR", row.get("role"));
            assertNotNull(row.get("confirmed_at"));
        }
        assertEquals(
                "VERIFIED_BY_ORGANISER",
                db.row("SELECT trust FROM signature WHERE id = ?", idA).get("trust"));
        assertEquals(before, counts(), "the counts stay true");
        assertTrue(
                browser()
                        .get("/aufrufe/" + appeal.slug())
                        .text()
                        .contains("1 weitere Unterschrift"));

        // Exports are refused with a clear message.
        console = accounts.signedIn(base, accounts.organiser(organiser));
        Web.Page refused = console.get(export);
        assertEquals(410, refused.status());
        assertTrue(
                refused.text().contains("Die Daten der Unterzeichnenden sind gelöscht"),
                refused.text());
        assertEquals(
                410, console.get("/verwaltung/aufrufe/" + appeal.slug() + "/uebergabe").status());
        // and the warning went out once only
        assertEquals(1, TestSmtp.messagesTo(organiser.contactEmail()).size());
    }

    @Test
    void anAppealsOwnRetentionWithinLimits() {
        retention.setDays(appeal.id(), 30);
        assertEquals(30, retention.days(appeal.id()));
        try {
            retention.setDays(appeal.id(), 29);
            throw new AssertionError("29 days accepted");
        } catch (IllegalArgumentException expected) {
            assertEquals(30, retention.days(appeal.id()));
        }
        retention.setDays(appeal.id(), null);
        assertEquals(180, retention.days(appeal.id()));

        // the organiser sets it in the console
        Web console = accounts.signedIn(base, accounts.organiser(organiser));
        String page = "/verwaltung/aufrufe/" + appeal.id() + "/aufbewahrung";
        assertEquals(200, console.get(page).status());
        Web.Page tooShort = console.postForm(page, page, Map.of("days", "20"));
        assertEquals(422, tooShort.status());
        assertTrue(tooShort.text().contains("von 30 bis 730 Tagen"), tooShort.text());
        assertEquals(180, retention.days(appeal.id()));
        assertEquals(303, console.postForm(page, page, Map.of("days", "365")).status());
        assertEquals(365, retention.days(appeal.id()));
        assertTrue(console.get(page).text().contains("31. Januar 2027"), console.get(page).text());
        // another organiser cannot
        Web other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));
        assertEquals(403, other.get(page).status());
        assertEquals(
                403, other.postWithToken(other.csrfToken(), page, Map.of("days", "40")).status());
        assertEquals(365, retention.days(appeal.id()));
    }
}
