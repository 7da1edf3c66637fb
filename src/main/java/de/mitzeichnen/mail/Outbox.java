package de.mitzeichnen.mail;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The only way to send mail: the mail is written to the outbox table in the caller's transaction,
 * so it is sent exactly when the business change that caused it is committed, and never lost on the
 * way (the {@link MailDispatcher} delivers it, retrying until the SMTP server has it).
 */
@Singleton
public class Outbox {

    private final OutboxRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final MailDispatcher dispatcher;
    private final Clock clock;
    private final String messageIdHost;

    Outbox(
            OutboxRepository repository,
            TransactionOperations<Connection> transactions,
            MailDispatcher dispatcher,
            Clock clock,
            MitzeichnenConfig config) {
        this.repository = repository;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.clock = clock;
        String host = URI.create(config.getBaseUrl()).getHost();
        this.messageIdHost = host == null || host.isBlank() ? "localhost" : host;
    }

    /**
     * Stores the mail in the caller's transaction when there is one (so it is sent only if that
     * commits), else in its own. Returns the outbox id. The dispatcher is woken as soon as the
     * transaction has committed.
     *
     * @throws IllegalArgumentException for a malformed address, header or an over-long field (a
     *     programming error: user input is validated before it gets here)
     */
    public long enqueue(OutgoingMail mail) {
        OutboxMessage row = toRow(mail);
        return transactions.execute(
                TransactionDefinition.DEFAULT,
                status -> {
                    long id = repository.save(row).id();
                    status.registerSynchronization(
                            new TransactionSynchronization() {
                                @Override
                                public void afterCommit() {
                                    dispatcher.wake();
                                }
                            });
                    return id;
                });
    }

    /**
     * Erases what is still kept of mails to {@code recipient} that were sent or given up — part of
     * erasing a person's data (e.g. on withdrawal). Mails still waiting are left to go out; they
     * are erased once sent. Returns how many rows were removed.
     */
    public int eraseFor(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return 0;
        }
        // rows hold the ASCII (punycode) form of the address
        String to = EmailAddress.parse(recipient).map(EmailAddress::ascii).orElse(recipient.trim());
        return repository.deleteFinishedTo(to);
    }

    private OutboxMessage toRow(OutgoingMail mail) {
        String to = address(mail.to(), "recipient");
        String replyTo =
                mail.replyTo() == null || mail.replyTo().isBlank()
                        ? null
                        : address(mail.replyTo(), "reply-to");
        String fromName = mail.fromName() == null ? "" : mail.fromName().trim();
        String subject = mail.subject() == null ? "" : mail.subject().trim();
        String kind = mail.kind() == null ? "" : mail.kind().trim();
        check(
                !subject.isEmpty() && subject.length() <= 500,
                "subject must have 1 to 500 characters");
        check(fromName.length() <= 200, "from name must have at most 200 characters");
        check(!kind.isEmpty() && kind.length() <= 64, "kind must have 1 to 64 characters");
        check(
                noLineBreak(subject) && noLineBreak(fromName),
                "subject and from name must be one line");
        check(mail.text() != null && !mail.text().isBlank(), "a text body is required");
        check(mail.html() != null && !mail.html().isBlank(), "an HTML body is required");
        String headers = MailHeaders.format(mail.headers());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String messageId = "<outbox-" + UUID.randomUUID() + "@" + messageIdHost + ">";
        return new OutboxMessage(
                null,
                to,
                fromName,
                replyTo,
                subject,
                mail.text(),
                mail.html(),
                headers,
                kind,
                OutboxStatus.PENDING,
                0,
                now,
                null,
                now,
                null,
                null,
                messageId,
                null);
    }

    private static String address(String value, String what) {
        String v = value == null ? "" : value.trim();
        // Stored as mail servers must see it: the ASCII (punycode) form of the domain.
        EmailAddress.Check address = EmailAddress.check(v);
        check(address.valid(), "invalid " + what + " address: " + value);
        String ascii = address.address().ascii();
        try {
            InternetAddress parsed = new InternetAddress(ascii, true);
            check(
                    parsed.getPersonal() == null && parsed.getAddress().equals(ascii),
                    "invalid " + what + " address: " + value);
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid " + what + " address: " + value, e);
        }
        return ascii;
    }

    private static boolean noLineBreak(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
