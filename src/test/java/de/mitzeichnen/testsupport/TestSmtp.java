package de.mitzeichnen.testsupport;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one SMTP server of a test JVM: a GreenMail on a free port of 127.0.0.1, started by {@link
 * TestDatabaseSession} before any application context, whose coordinates every context reads from
 * system properties ({@code mitzeichnen.mail.smtp-host}, {@code -port}, {@code -security=none}).
 *
 * <p>Tests share it, so always address mail to a unique recipient and look only at that recipient's
 * mail ({@link #awaitMessagesTo}). {@link #stop()} / {@link #start()} take the SMTP port down and
 * up again (received mail is kept); {@link #rejectPermanently} makes the server answer RCPT for one
 * address with a 5xx.
 *
 * <p>A test that needs no SMTP host (the dev mailbox) overrides the property: {@code @Property(name
 * = "mitzeichnen.mail.smtp-host", value = "")} wins over these system properties.
 */
public final class TestSmtp {

    public static final String HOST = "127.0.0.1";
    private static final Set<String> REJECTED = ConcurrentHashMap.newKeySet();
    private static RestartableGreenMail greenMail;

    private TestSmtp() {}

    /**
     * Starts the server once per JVM and publishes its coordinates; called by the launcher session.
     */
    public static synchronized void startOnce() {
        if (greenMail != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(freePort(), HOST, ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        greenMail = new RestartableGreenMail(setup);
        greenMail.start();
        System.setProperty("mitzeichnen.mail.smtp-host", HOST);
        System.setProperty("mitzeichnen.mail.smtp-port", String.valueOf(setup.getPort()));
        System.setProperty("mitzeichnen.mail.smtp-security", "none");
        System.setProperty("mitzeichnen.mail.smtp-username", "");
        System.setProperty("mitzeichnen.mail.smtp-password", "");
        System.out.println("[tests] SMTP: GreenMail on " + HOST + ":" + setup.getPort());
    }

    /** Ends the server at the end of the test JVM. */
    public static synchronized void shutdown() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public static GreenMail greenMail() {
        startOnce();
        return greenMail;
    }

    public static int port() {
        return greenMail().getSmtp().getPort();
    }

    /** SMTP down: connections to the port are refused until {@link #start()}. */
    public static synchronized void stop() {
        startOnce();
        greenMail.stopSmtp();
    }

    /** SMTP up again on the same port, with all mail received before. */
    public static synchronized void start() {
        startOnce();
        greenMail.startSmtp();
    }

    /**
     * From now on the server answers "550 5.1.1 mailbox unavailable" to RCPT TO for this address.
     */
    public static void rejectPermanently(String address) {
        REJECTED.add(address.toLowerCase(Locale.ROOT));
    }

    /** All mail received so far for this recipient (To, Cc or Bcc), oldest first. */
    public static List<MimeMessage> messagesTo(String recipient) {
        // GreenMail's mailboxes are plain lists that its SMTP threads append to: a read that meets
        // an append is read again
        for (int attempt = 1; ; attempt++) {
            try {
                return greenMail()
                        .findReceivedMessages(
                                user -> user.getEmail().equalsIgnoreCase(recipient),
                                message -> true)
                        .toList();
            } catch (ConcurrentModificationException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Waits until at least {@code count} mails for {@code recipient} have arrived and returns all
     * of them (more than {@code count} if more came: assert the size when "exactly" matters).
     */
    public static List<MimeMessage> awaitMessagesTo(String recipient, int count, Duration timeout) {
        try {
            return Eventually.await(
                    count + " mail(s) to " + recipient,
                    timeout,
                    () -> messagesTo(recipient),
                    found -> found.size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; all recipients so far: " + allRecipients(), e);
        }
    }

    private static List<String> allRecipients() {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : greenMail().getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null) {
                    for (Address a : to) {
                        out.add(((InternetAddress) a).getAddress());
                    }
                }
            } catch (MessagingException ignored) {
                // only for the failure message
            }
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * GreenMail whose SMTP service can go down and up without losing the mailboxes, and can reject
     * recipients.
     */
    private static final class RestartableGreenMail extends GreenMail {
        private final ServerSetup setup;

        RestartableGreenMail(ServerSetup setup) {
            super(setup);
            this.setup = setup;
            // start() builds the services from these managers
            this.managers = new RejectingManagers();
        }

        synchronized void stopSmtp() {
            SmtpServer smtp = getSmtp();
            if (smtp != null && smtp.isRunning()) {
                smtp.stopService();
            }
        }

        synchronized void startSmtp() {
            SmtpServer current = getSmtp();
            if (current != null && current.isRunning()) {
                return;
            }
            SmtpServer smtp = new SmtpServer(setup, managers);
            services.put(setup.getProtocol(), smtp);
            smtp.startService();
            try {
                if (!smtp.waitTillRunning(10_000)) {
                    throw new IllegalStateException(
                            "GreenMail SMTP did not come up again on port " + setup.getPort());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class RejectingManagers extends Managers {
        private final SmtpManager smtp =
                new SmtpManager(getImapHostManager(), getUserManager()) {
                    @Override
                    public String checkRecipient(SmtpState state, MailAddress rcpt) {
                        if (REJECTED.contains(rcpt.getEmail().toLowerCase(Locale.ROOT))) {
                            return "550 5.1.1 <" + rcpt.getEmail() + ">: mailbox unavailable";
                        }
                        return super.checkRecipient(state, rcpt);
                    }
                };

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
