package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.db.Sql;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestSmtp;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mail claimed by a dispatcher that died is sent within a minute, once, with the Message-ID it
 * was written with; afterwards its row keeps no recipient and no body.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.poll-interval", value = "1h")
@Property(name = "mitzeichnen.mail.erase-sent", value = "true")
class OutboxReclaimTest {

    @Inject MailDispatcher dispatcher;
    @Inject MailConfig config;
    @Inject Db db;

    @Test
    void aMailOfADeadDispatcherIsSentAgainWithinAMinute() {
        assertTrue(
                config.getReclaimAfter()
                                .plus(config.getReclaimInterval())
                                .compareTo(Duration.ofSeconds(60))
                        <= 0,
                "reclaim after + reclaim interval must stay within 60 s");
        String to = Fixtures.unique("verwaist").toLowerCase(Locale.ROOT) + "@kommune.example";
        String fresh = Fixtures.unique("frisch").toLowerCase(Locale.ROOT) + "@kommune.example";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // as a dispatcher leaves them when it dies: SENDING, claimed a while ago (one beyond the
        // reclaim time)
        long dead =
                insertClaimed(
                        to,
                        now.minusSeconds(120),
                        now.minus(config.getReclaimAfter()).minusSeconds(1));
        long alive = insertClaimed(fresh, now.minusSeconds(120), now.minusSeconds(5));
        String messageId =
                (String)
                        db.row("SELECT message_id FROM outbox_message WHERE id = ?", dead)
                                .get("message_id");

        assertTrue(dispatcher.reclaimStale() >= 1);
        assertEquals(
                "PENDING",
                db.row("SELECT status FROM outbox_message WHERE id = ?", dead).get("status"));
        assertEquals(
                "SENDING",
                db.row("SELECT status FROM outbox_message WHERE id = ?", alive).get("status"),
                "a recent claim belongs to a live dispatcher");
        dispatcher.dispatchDue();
        List<MimeMessage> got = TestSmtp.awaitMessagesTo(to, 1, Duration.ofSeconds(10));
        assertEquals(1, got.size());
        try {
            assertEquals(messageId, got.get(0).getMessageID());
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
        Map<String, Object> row = db.row("SELECT * FROM outbox_message WHERE id = ?", dead);
        assertEquals("SENT", row.get("status"));
        assertEquals("", row.get("recipient"));
        assertEquals("", row.get("html_body"));
        assertEquals("", row.get("subject"));
        assertEquals(messageId, row.get("message_id"));
        db.update(
                "UPDATE outbox_message SET status = 'FAILED', claimed_at = NULL WHERE id = ?",
                alive);
    }

    long insertClaimed(String to, Instant createdAt, Instant claimedAt) {
        db.update(
                "INSERT INTO outbox_message (recipient, from_name, subject, text_body, html_body, headers, kind,"
                        + " status, attempts, next_attempt_at, created_at, claimed_at, message_id, version)"
                        + " VALUES (?, 'Stadt Test', 'Verwaist', 'Link: https://mitzeichnen.example/bestaetigen/abc',"
                        + " '<p>Link</p>', '', 'test.reclaim', 'SENDING', 0, ?, ?, ?, ?, 1)",
                to,
                Sql.utc(createdAt),
                Sql.utc(createdAt),
                Sql.utc(claimedAt),
                "<outbox-" + UUID.randomUUID() + "@localhost>");
        return ((Number) db.row("SELECT id FROM outbox_message WHERE recipient = ?", to).get("id"))
                .longValue();
    }
}
