package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestSmtp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one database, both dispatching the outbox: 200 queued mails arrive
 * once each, with 200 different Message-IDs, and every row ends SENT after one attempt.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.poll-interval", value = "200ms")
class TwoInstancesOutboxTest {

    private static final int MAILS = 200;

    @Inject Outbox outbox;
    @Inject Db db;

    @Test
    void twoInstancesDeliverEveryMailExactlyOnce() throws MessagingException {
        String prefix = Fixtures.unique("pair").toLowerCase(Locale.ROOT);
        try (ApplicationContext second =
                ApplicationContext.run(Map.of("mitzeichnen.mail.poll-interval", "200ms"), "test")) {
            Outbox other = second.getBean(Outbox.class);
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < MAILS; i++) {
                String to = prefix + "-" + i + "@kommune.example";
                recipients.add(to);
                // half the mails are queued by each instance; either may send any of them
                (i % 2 == 0 ? outbox : other)
                        .enqueue(OutboxDeliveryTest.mail(to, "Zwei Instanzen"));
            }
            Eventually.await(
                    "all " + MAILS + " mails of the run marked SENT",
                    Duration.ofSeconds(60),
                    () ->
                            db.count(
                                            "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ? AND status = 'SENT'",
                                            prefix + "-%")
                                    == MAILS);
            Set<String> messageIds = new HashSet<>();
            for (String to : recipients) {
                List<MimeMessage> received =
                        TestSmtp.awaitMessagesTo(to, 1, Duration.ofSeconds(10));
                assertEquals(1, TestSmtp.messagesTo(to).size(), "exactly one mail to " + to);
                messageIds.add(received.get(0).getMessageID());
            }
            assertEquals(MAILS, messageIds.size(), "every mail has its own Message-ID");
            assertEquals(
                    MAILS,
                    db.count(
                            "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ?"
                                    + " AND status = 'SENT' AND attempts = 1",
                            prefix + "-%"));
            Eventually.never(
                    "a second copy of any mail",
                    Duration.ofSeconds(1),
                    () -> recipients.stream().anyMatch(to -> TestSmtp.messagesTo(to).size() > 1));
        }
    }
}
