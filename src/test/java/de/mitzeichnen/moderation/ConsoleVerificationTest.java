package de.mitzeichnen.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verification queue: e-mail-only signatures, verified (saying how) or rejected in one step.
 */
@MicronautTest(transactional = false)
class ConsoleVerificationTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject SupportRecount recount;

    Appeal appeal;
    Web organiser;
    Web other;
    Web visitor;

    @BeforeEach
    void setUp() {
        URI base = URI.create(server.getURL().toString());
        Organiser org = fixtures.organiser("Stadt Prüf");
        appeal =
                fixtures.appeal(
                        org,
                        "Geprüft zählt",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
        organiser = accounts.signedIn(base, accounts.organiser(org));
        other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));
        visitor = new Web(base);
    }

    long insertEmailOnly(String ags, String name, String flag) {
        String email = "x-" + UUID.randomUUID().toString().substring(0, 8) + "@gmail.com";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, ?, 'MAYOR', ?, true, 'v1', NOW(6), 'de', ?, 'EMAIL_ONLY', ?, 1, NOW(6),
                  NOW(6), NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                name,
                ags,
                "c".repeat(64),
                flag);
        return db.count("SELECT MAX(id) FROM signature WHERE appeal_id = ?", appeal.id());
    }

    @Test
    void verifyWithTheMethodAndRejectWithAReason() {
        long munich = insertEmailOnly("09162000", "Maria München", "FREEMAIL");
        long kassel = insertEmailOnly("06611000", "Karl Kassel", "FREEMAIL");
        recount.recount(appeal.id()); // rows put in by hand reach the aggregate through the recount
        Web.Page pub = visitor.get("/aufrufe/" + appeal.slug());
        assertTrue(pub.text().contains("2 weitere Unterschriften werden noch geprüft"), pub.text());
        assertEquals("0", pub.doc().select(".count .n").first().text());

        String queue = "/verwaltung/aufrufe/" + appeal.id() + "/pruefen";
        assertEquals(403, other.get(queue).status());
        Web.Page page = organiser.get(queue);
        assertEquals(200, page.status());
        assertTrue(
                page.text().contains("Maria München") && page.text().contains("Karl Kassel"),
                page.text());
        assertTrue(page.text().contains("2 Unterschriften warten auf Prüfung"), page.text());
        assertTrue(page.text().contains("Freemail-Adresse"), page.text());

        Web.Page noMethod =
                organiser.postForm(
                        queue, queue + "/" + munich, Map.of("action", "VERIFY", "method", "x"));
        assertEquals(422, noMethod.status());
        assertTrue(
                noMethod.text()
                        .contains("Bitte wählen Sie, wie Sie die Unterschrift geprüft haben"));

        Web.Page verified =
                organiser.postForm(
                        queue,
                        queue + "/" + munich,
                        Map.of(
                                "action",
                                "VERIFY",
                                "method",
                                "COUNCIL_RESOLUTION",
                                "note",
                                "Beschluss vom 3. November"));
        assertEquals(303, verified.status());
        Map<String, Object> row = db.row("SELECT * FROM signature WHERE id = ?", munich);
        assertEquals("VERIFIED_BY_ORGANISER", row.get("trust"));
        assertEquals("COUNCIL_RESOLUTION", row.get("verification_method"));
        assertEquals("Beschluss vom 3. November", row.get("verification_note"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'SIGNATURE_VERIFY'",
                        appeal.id()));

        Web.Page noReason =
                organiser.postForm(
                        queue, queue + "/" + kassel, Map.of("action", "REJECT", "note", " "));
        assertEquals(422, noReason.status());
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", kassel).get("status"));
        assertEquals(
                303,
                organiser
                        .postForm(
                                queue,
                                queue + "/" + kassel,
                                Map.of("action", "REJECT", "note", "Keine Amtsperson"))
                        .status());
        assertEquals(
                "REJECTED",
                db.row("SELECT status FROM signature WHERE id = ?", kassel).get("status"));

        Web.Page after = organiser.get(queue);
        assertFalse(
                after.text().contains("Maria München") || after.text().contains("Karl Kassel"),
                after.text());
        Web.Page counted = visitor.get("/aufrufe/" + appeal.slug());
        assertEquals("1", counted.doc().select(".count .n").first().text());
        assertTrue(counted.text().contains("München"));
        assertFalse(counted.text().contains("Kassel"));
        assertFalse(counted.text().contains("werden noch geprüft"));
        assertFalse(recount.recount(appeal.id()), "the transitions kept the aggregate right");
    }
}
