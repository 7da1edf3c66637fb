package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** Which SMTP failures are retried, and how long the dispatcher waits between attempts. */
class DeliveryRulesTest {

    static SendFailedException rcpt(int code) throws Exception {
        InternetAddress a = new InternetAddress("x@example.org");
        return new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(a, "RCPT TO:<x@example.org>", code, code + " reply"),
                null,
                null,
                new InternetAddress[] {a});
    }

    static SMTPSendFailedException send(String command, int code) {
        return new SMTPSendFailedException(command, code, code + " reply", null, null, null, null);
    }

    @Test
    void fiveHundredsAboutTheMailArePermanentEverythingElseIsRetried() throws Exception {
        assertTrue(MailDispatcher.permanent(rcpt(550)));
        assertTrue(MailDispatcher.permanent(rcpt(553)));
        assertTrue(MailDispatcher.permanent(send("DATA", 554)));
        assertTrue(MailDispatcher.permanent(send(".", 552)));

        assertFalse(MailDispatcher.permanent(rcpt(450)), "greylisting");
        assertFalse(MailDispatcher.permanent(rcpt(452)), "mailbox full for now");
        assertFalse(MailDispatcher.permanent(send(".", 451)));
        assertFalse(
                MailDispatcher.permanent(send("MAIL FROM:<noreply@localhost>", 550)),
                "our sender is refused");
        assertFalse(MailDispatcher.permanent(send("DATA", 530)), "authentication required");
        assertFalse(
                MailDispatcher.permanent(
                        new MailConnectException(
                                new SocketConnectException(
                                        "refused", new ConnectException(), "h", 25, 10))));
        assertFalse(
                MailDispatcher.permanent(
                        new MessagingException("timeout", new SocketTimeoutException("read"))));
    }

    @Test
    void errorsAreDescribedWithTheServerReply() throws Exception {
        String d = MailDispatcher.describe(rcpt(550));
        assertEquals(
                "SendFailedException: Invalid Addresses; SMTPAddressFailedException: 550 reply", d);
    }

    @Test
    void backoffDoublesFromThirtySecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), MailDispatcher.backoff(1));
        assertEquals(Duration.ofMinutes(1), MailDispatcher.backoff(2));
        assertEquals(Duration.ofMinutes(2), MailDispatcher.backoff(3));
        assertEquals(Duration.ofMinutes(4), MailDispatcher.backoff(4));
        assertEquals(Duration.ofMinutes(32), MailDispatcher.backoff(7));
        assertEquals(Duration.ofHours(1), MailDispatcher.backoff(8));
        assertEquals(Duration.ofHours(1), MailDispatcher.backoff(500));
    }
}
