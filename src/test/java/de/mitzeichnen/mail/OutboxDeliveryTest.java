package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.db.Sql;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against the real database and a real SMTP server (GreenMail). Polling is off (1 h) so
 * that only the wake-up after commit and explicit {@code dispatchDue()} calls send; the wake-up
 * still runs in the background, so the tests look at outcomes (rows, received mail), never at who
 * sent.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.poll-interval", value = "1h")
@Property(name = "mitzeichnen.mail.batch-size", value = "7")
class OutboxDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject Outbox outbox;
    @Inject MailDispatcher dispatcher;
    @Inject MailTemplates templates;
    @Inject TransactionOperations<Connection> transactions;
    @Inject Db db;
    @Inject TestClock clock;
    @Inject EmbeddedServer server;

    @AfterEach
    void tearDown() {
        TestSmtp.start();
        clock.reset();
    }

    static String recipient(String prefix) {
        return Fixtures.unique(prefix).toLowerCase(Locale.ROOT) + "@kommune.example";
    }

    static OutgoingMail mail(String to, String subject) {
        return new OutgoingMail(
                to,
                "Stadt Münster über Mitzeichnen",
                "rathaus@muenster.example",
                subject,
                "Grüße aus Münster: https://mitzeichnen.example/bestaetigen/abc\n",
                "<p>Grüße aus <b>Münster</b>: <a href=\"https://mitzeichnen.example/bestaetigen/abc\">bestätigen</a></p>",
                Map.of("X-Mitzeichnen-Appeal", "Städte für Zürich"),
                "test.outbox");
    }

    Map<String, Object> row(long id) {
        return db.row("SELECT * FROM outbox_message WHERE id = ?", id);
    }

    Map<String, Object> awaitRow(long id, Predicate<Map<String, Object>> condition) {
        return Eventually.await(
                "outbox row " + id + " to reach the expected state",
                WAIT,
                () -> row(id),
                condition);
    }

    static Instant instant(Object datetime) {
        return ((LocalDateTime) datetime).toInstant(ZoneOffset.UTC);
    }

    /**
     * At least once: the SMTP server accepted the mail, then the process died before the row was
     * marked SENT (the row stays SENDING). The reclaim sends it again, with the same Message-ID, so
     * the recipient's mail system can tell the second copy is the first one again.
     */
    @Test
    void aMailSentAgainAfterACrashBeforeTheMarkCarriesTheSameMessageId() throws Exception {
        String to = recipient("doppelt");
        long id =
                outbox.enqueue(
                        new OutgoingMail(
                                to,
                                "Stadt Kassel",
                                null,
                                "Zweimal zugestellt",
                                "Text",
                                "<p>Text</p>",
                                Map.of(),
                                "test.twice"));
        dispatcher.dispatchDue();
        List<MimeMessage> first = TestSmtp.awaitMessagesTo(to, 1, WAIT);
        awaitRow(id, r -> "SENT".equals(r.get("status")));
        // what a kill -9 between the server's acceptance and the mark leaves behind
        db.update(
                "UPDATE outbox_message SET status = 'SENDING', sent_at = NULL, claimed_at = ?"
                        + " WHERE id = ?",
                Sql.utc(clock.instant().minus(Duration.ofHours(1))),
                id);

        assertTrue(dispatcher.reclaimStale() >= 1);
        dispatcher.dispatchDue();
        List<MimeMessage> both = TestSmtp.awaitMessagesTo(to, 2, WAIT);
        assertEquals(2, both.size());
        String messageId =
                (String) awaitRow(id, r -> "SENT".equals(r.get("status"))).get("message_id");
        assertEquals(messageId, first.get(0).getMessageID());
        assertEquals(messageId, both.get(0).getMessageID());
        assertEquals(messageId, both.get(1).getMessageID());
    }

    @Test
    void enqueuedMailArrivesComplete() throws Exception {
        String to = recipient("anna");
        MailTemplates.Rendered body =
                templates.render(
                        "signature-confirm",
                        Locale.GERMAN,
                        Map.of(
                                "name",
                                "Anna Müller",
                                "appealTitle",
                                "Städte für Zürich",
                                "organiserName",
                                "Stadt Münster",
                                "municipalityName",
                                "Münster",
                                "roleLabel",
                                "Bürgermeisterin",
                                "confirmUrl",
                                "http://localhost:8080/bestaetigen/tok123",
                                "deadlineText",
                                "3. Dezember 2025",
                                "expiresText",
                                "22. November 2025, 10:00 Uhr"));
        String subject = "Bitte bestätigen Sie Ihre Unterschrift: Städte für Zürich – „jetzt“";
        long id =
                outbox.enqueue(
                        new OutgoingMail(
                                to,
                                "Stadt Münster über Mitzeichnen",
                                "rathaus@muenster.example",
                                subject,
                                body.text(),
                                body.html(),
                                Map.of("X-Mitzeichnen-Appeal", "Städte für Zürich"),
                                "signature.confirm"));
        dispatcher.dispatchDue();

        List<MimeMessage> received = TestSmtp.awaitMessagesTo(to, 1, WAIT);
        assertEquals(1, received.size());
        MimeMessage m = received.get(0);
        assertEquals(subject, m.getSubject());
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("Stadt Münster über Mitzeichnen", from.getPersonal());
        assertEquals("noreply@localhost", from.getAddress());
        assertEquals(
                "rathaus@muenster.example", ((InternetAddress) m.getReplyTo()[0]).getAddress());
        assertEquals(
                to,
                ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertEquals(
                "Städte für Zürich",
                MimeUtility.decodeText(m.getHeader("X-Mitzeichnen-Appeal", null)));

        Map<String, Object> row = awaitRow(id, r -> "SENT".equals(r.get("status")));
        assertEquals(row.get("message_id"), m.getMessageID());
        assertTrue(m.getMessageID().matches("<outbox-[0-9a-f-]{36}@localhost>"), m.getMessageID());
        assertEquals(1, row.get("attempts"));
        assertNotNull(row.get("sent_at"));
        assertNull(row.get("last_error"));

        assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(
                parts.getBodyPart(0)
                        .getContentType()
                        .toLowerCase(Locale.ROOT)
                        .startsWith("text/plain; charset=utf-8"),
                parts.getBodyPart(0).getContentType());
        assertTrue(
                parts.getBodyPart(1)
                        .getContentType()
                        .toLowerCase(Locale.ROOT)
                        .startsWith("text/html; charset=utf-8"),
                parts.getBodyPart(1).getContentType());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("Bitte bestätigen Sie Ihre Unterschrift"), text);
        assertTrue(text.contains("http://localhost:8080/bestaetigen/tok123"), text);
        assertTrue(html.contains("href=\"http://localhost:8080/bestaetigen/tok123\""), html);
        assertTrue(html.contains("Anna Müller"), html);
    }

    @Test
    void mailEnqueuedInATransactionIsSentRightAfterItCommits() {
        String to = recipient("commit");
        long id =
                transactions.executeWrite(
                        status -> {
                            long newId = outbox.enqueue(mail(to, "Nach dem Commit"));
                            // A wake-up before the commit would find nothing (and polling is off):
                            // the mail would not come.
                            Eventually.never(
                                    "a mail before the commit",
                                    Duration.ofMillis(300),
                                    () -> !TestSmtp.messagesTo(to).isEmpty());
                            return newId;
                        });
        // no dispatchDue() here: the commit wakes the dispatcher
        List<MimeMessage> received = TestSmtp.awaitMessagesTo(to, 1, Duration.ofSeconds(5));
        assertEquals(1, received.size());
        awaitRow(id, r -> "SENT".equals(r.get("status")));
    }

    @Test
    void mailEnqueuedInATransactionThatRollsBackIsNeitherStoredNorSent() {
        String to = recipient("rollback");
        assertThrows(
                IllegalStateException.class,
                () ->
                        transactions.executeWrite(
                                status -> {
                                    outbox.enqueue(mail(to, "Wird zurückgerollt"));
                                    throw new IllegalStateException(
                                            "business rule failed after the mail was enqueued");
                                }));
        transactions.executeWrite(
                status -> {
                    outbox.enqueue(mail(to, "Auch zurückgerollt"));
                    status.setRollbackOnly();
                    return null;
                });
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", to));
        dispatcher.dispatchDue();
        Eventually.never(
                "a mail from a rolled-back transaction",
                Duration.ofMillis(300),
                () -> !TestSmtp.messagesTo(to).isEmpty());
    }

    @Test
    void whileSmtpIsDownTheMailWaitsAndIsDeliveredExactlyOnceWhenItIsBack() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clock.set(t0);
        String to = recipient("down");
        TestSmtp.stop();
        long id = outbox.enqueue(mail(to, "Server war weg"));
        dispatcher.dispatchDue();
        Map<String, Object> waiting =
                awaitRow(
                        id,
                        r ->
                                "PENDING".equals(r.get("status"))
                                        && ((Number) r.get("attempts")).intValue() == 1);
        assertEquals(t0.plusSeconds(30), instant(waiting.get("next_attempt_at")));
        assertTrue(
                ((String) waiting.get("last_error")).contains("SMTP connection failed"),
                (String) waiting.get("last_error"));

        // Not due yet: nothing happens, even with the server back.
        TestSmtp.start();
        clock.advance(Duration.ofSeconds(29));
        dispatcher.dispatchDue();
        assertEquals(1, ((Number) row(id).get("attempts")).intValue());
        assertEquals(0, TestSmtp.messagesTo(to).size());

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();
        TestSmtp.awaitMessagesTo(to, 1, WAIT);
        Map<String, Object> sent = awaitRow(id, r -> "SENT".equals(r.get("status")));
        assertEquals(2, sent.get("attempts"));
        assertNull(sent.get("last_error"));
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue(); // synchronous: a second delivery would have happened by now
        assertEquals(1, TestSmtp.messagesTo(to).size());
        assertEquals("SENT", row(id).get("status"));
    }

    @Test
    void retriesBackOffAndStopAfter24Hours() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clock.set(t0);
        String to = recipient("gone");
        TestSmtp.stop();
        long id = outbox.enqueue(mail(to, "Kommt nie an"));
        dispatcher.dispatchDue();
        awaitRow(
                id,
                r ->
                        ((Number) r.get("attempts")).intValue() == 1
                                && "PENDING".equals(r.get("status")));

        clock.advance(Duration.ofSeconds(30));
        dispatcher.dispatchDue();
        Map<String, Object> second =
                awaitRow(id, r -> ((Number) r.get("attempts")).intValue() == 2);
        assertEquals(
                clock.instant().plus(Duration.ofMinutes(1)),
                instant(second.get("next_attempt_at")));

        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue();
        Map<String, Object> third = awaitRow(id, r -> ((Number) r.get("attempts")).intValue() == 3);
        assertEquals(
                clock.instant().plus(Duration.ofMinutes(2)), instant(third.get("next_attempt_at")));

        // Late in the window the last attempt is placed exactly at the end of the 24 hours.
        clock.set(t0.plus(Duration.ofHours(23).plusMinutes(58)));
        dispatcher.dispatchDue();
        Map<String, Object> last = awaitRow(id, r -> ((Number) r.get("attempts")).intValue() == 4);
        assertEquals("PENDING", last.get("status"));
        assertEquals(t0.plus(Duration.ofHours(24)), instant(last.get("next_attempt_at")));

        clock.set(t0.plus(Duration.ofHours(24)));
        dispatcher.dispatchDue();
        Map<String, Object> failed = awaitRow(id, r -> "FAILED".equals(r.get("status")));
        assertEquals(5, failed.get("attempts"));
        assertTrue(
                ((String) failed.get("last_error")).contains("Not delivered within 24 h"),
                (String) failed.get("last_error"));

        TestSmtp.start();
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatchDue(); // synchronous: nothing is left for a background run
        assertEquals("FAILED", row(id).get("status"));
        assertEquals(0, TestSmtp.messagesTo(to).size());
    }

    @Test
    void aPermanentRejectionFailsAtOnceAndIsNotRetried() {
        String to = recipient("unknown");
        TestSmtp.rejectPermanently(to);
        long id = outbox.enqueue(mail(to, "Empfänger unbekannt"));
        dispatcher.dispatchDue();
        Map<String, Object> failed = awaitRow(id, r -> "FAILED".equals(r.get("status")));
        assertEquals(1, failed.get("attempts"));
        String error = (String) failed.get("last_error");
        assertTrue(error.contains("550") && error.contains("mailbox unavailable"), error);

        clock.advance(Duration.ofHours(2));
        dispatcher.dispatchDue();
        assertEquals(1, ((Number) row(id).get("attempts")).intValue());
        assertEquals("FAILED", row(id).get("status"));
        assertEquals(0, TestSmtp.messagesTo(to).size());
    }

    @Test
    void concurrentDispatchersSendEveryMailExactlyOnce() throws Exception {
        int n = 60;
        String prefix = Fixtures.unique("many").toLowerCase(Locale.ROOT);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recipients.add(prefix + "-" + i + "@kommune.example");
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                runs.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    int handled = 0;
                                    for (int round = 0; round < 5; round++) {
                                        handled += dispatcher.dispatchDue();
                                    }
                                    return handled;
                                }));
            }
            transactions.executeWrite(
                    status -> {
                        recipients.forEach(r -> outbox.enqueue(mail(r, "Massenversand")));
                        return null;
                    });
            go.countDown(); // three dispatchers plus the one woken by the commit
            int handled = 0;
            for (Future<Integer> run : runs) {
                handled += run.get();
            }
            assertTrue(handled <= n, "handled " + handled);
        } finally {
            pool.shutdownNow();
        }
        for (String r : recipients) {
            TestSmtp.awaitMessagesTo(r, 1, WAIT);
        }
        Eventually.await(
                "every mail of the run marked SENT",
                WAIT,
                () ->
                        db.count(
                                        "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ? AND status <> 'SENT'",
                                        prefix + "-%")
                                == 0);
        for (String r : recipients) {
            assertEquals(1, TestSmtp.messagesTo(r).size(), r);
        }
        assertEquals(
                n,
                db.count(
                        "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ? AND status = 'SENT'"
                                + " AND attempts = 1",
                        prefix + "-%"));
    }

    long insertClaimed(String to, Instant createdAt, Instant claimedAt) {
        db.update(
                "INSERT INTO outbox_message (recipient, from_name, subject, text_body, html_body, headers, kind,"
                        + " status, attempts, next_attempt_at, created_at, claimed_at, message_id, version)"
                        + " VALUES (?, 'Stadt Test', 'Abgestürzt', 'Text', '<p>HTML</p>', '', 'test.outbox', 'SENDING', 0,"
                        + " ?, ?, ?, ?, 1)",
                to,
                Sql.utc(createdAt),
                Sql.utc(createdAt),
                Sql.utc(claimedAt),
                "<outbox-" + UUID.randomUUID() + "@localhost>");
        return ((Number) db.row("SELECT id FROM outbox_message WHERE recipient = ?", to).get("id"))
                .longValue();
    }

    @Test
    void mailLeftSendingByADispatcherThatDiedIsTakenUpAgain() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clock.set(now);
        String crashed = recipient("crashed");
        String busy = recipient("busy");
        String ancient = recipient("ancient");
        long crashedId =
                insertClaimed(
                        crashed,
                        now.minus(Duration.ofMinutes(20)),
                        now.minus(Duration.ofMinutes(6)));
        long busyId =
                insertClaimed(
                        busy, now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofSeconds(10)));
        long ancientId =
                insertClaimed(
                        ancient, now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(1)));

        dispatcher.reclaimStale();
        dispatcher.dispatchDue();
        TestSmtp.awaitMessagesTo(crashed, 1, WAIT);
        Map<String, Object> sent = awaitRow(crashedId, r -> "SENT".equals(r.get("status")));
        assertEquals(2, sent.get("attempts"), "the interrupted attempt counts");
        assertEquals(
                "SENDING", row(busyId).get("status"), "a recent claim is still being worked on");
        Map<String, Object> failed = row(ancientId);
        assertEquals("FAILED", failed.get("status"));
        assertTrue(
                ((String) failed.get("last_error")).contains("interrupted"),
                (String) failed.get("last_error"));
        Eventually.never(
                "a mail to a row another dispatcher still holds, or to an abandoned one",
                Duration.ofMillis(200),
                () ->
                        !TestSmtp.messagesTo(busy).isEmpty()
                                || !TestSmtp.messagesTo(ancient).isEmpty());
        assertEquals(0, TestSmtp.messagesTo(busy).size());
        assertEquals(0, TestSmtp.messagesTo(ancient).size());
        assertEquals(1, TestSmtp.messagesTo(crashed).size());
    }

    @Test
    void malformedMailIsRefusedAtEnqueue() {
        assertThrows(
                IllegalArgumentException.class, () -> outbox.enqueue(mail("kein-at-zeichen", "x")));
        assertThrows(
                IllegalArgumentException.class,
                () -> outbox.enqueue(mail("a@b.example", "zwei\nZeilen")));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        outbox.enqueue(
                                new OutgoingMail(
                                        "a@b.example",
                                        "X",
                                        null,
                                        "Betreff",
                                        "t",
                                        "<p>h</p>",
                                        Map.of("Bcc", "alle@example.org"),
                                        "test.outbox")));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        outbox.enqueue(
                                new OutgoingMail(
                                        "a@b.example",
                                        "X",
                                        null,
                                        "Betreff",
                                        "t",
                                        "<p>h</p>",
                                        Map.of("X-Evil", "a\r\nBcc: alle@example.org"),
                                        "test.outbox")));
    }

    @Test
    void theDevMailboxDoesNotExistWhenAnSmtpHostIsConfigured() {
        Web web = new Web(URI.create(server.getURL().toString()));
        Web.Page page = web.get("/dev/mails");
        assertEquals(404, page.status());
        assertTrue(page.text().contains("Seite nicht gefunden"), page.text());
        assertEquals(404, web.get("/dev/mails/1").status());
    }
}
