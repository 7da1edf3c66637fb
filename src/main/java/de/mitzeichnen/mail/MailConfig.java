package de.mitzeichnen.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * Mail settings from {@code mitzeichnen.mail.*} (environment variables MITZEICHNEN_MAIL_FROM and
 * MITZEICHNEN_SMTP_*). Without an SMTP host mails are not sent but kept in the dev mailbox ({@code
 * /dev/mails}). Bad values stop the start with a message that names the variable.
 */
@ConfigurationProperties("mitzeichnen.mail")
public class MailConfig {

    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    private String from = "noreply@localhost";
    private String smtpHost = "";
    private int smtpPort = 587;
    private String smtpUsername = "";
    private String smtpPassword = "";
    private String smtpSecurity = "starttls";
    private Security security = Security.STARTTLS;
    private Duration timeout = Duration.ofSeconds(10);
    private int batchSize = 20;
    private Duration giveUpAfter = Duration.ofHours(24);
    private Duration reclaimAfter = Duration.ofSeconds(45);
    private Duration reclaimInterval = Duration.ofSeconds(10);
    private boolean eraseSent = true;

    /** The sender address of every mail (the envelope sender too). */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        String value = from == null ? "" : from.trim();
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            if (parsed.getPersonal() != null || !value.contains("@")) {
                throw new AddressException("only the bare address is expected", value);
            }
        } catch (AddressException e) {
            throw new ConfigurationException(
                    "MITZEICHNEN_MAIL_FROM (mitzeichnen.mail.from) must be a plain e-mail "
                            + "address such as noreply@example.org, not '"
                            + value
                            + "'");
        }
        this.from = value;
    }

    public String getSmtpHost() {
        return smtpHost;
    }

    public void setSmtpHost(String smtpHost) {
        this.smtpHost = smtpHost == null ? "" : smtpHost.trim();
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(int smtpPort) {
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new ConfigurationException(
                    "MITZEICHNEN_SMTP_PORT (mitzeichnen.mail.smtp-port) must be a port "
                            + "number from 1 to 65535, not "
                            + smtpPort);
        }
        this.smtpPort = smtpPort;
    }

    public String getSmtpUsername() {
        return smtpUsername;
    }

    public void setSmtpUsername(String smtpUsername) {
        this.smtpUsername = smtpUsername == null ? "" : smtpUsername.trim();
    }

    public String getSmtpPassword() {
        return smtpPassword;
    }

    public void setSmtpPassword(String smtpPassword) {
        this.smtpPassword = smtpPassword == null ? "" : smtpPassword;
    }

    public String getSmtpSecurity() {
        return smtpSecurity;
    }

    /** none | starttls | tls (implicit TLS, usually port 465). */
    public void setSmtpSecurity(String smtpSecurity) {
        String value = smtpSecurity == null ? "" : smtpSecurity.trim().toLowerCase(Locale.ROOT);
        this.security =
                switch (value) {
                    case "none" -> Security.NONE;
                    case "starttls" -> Security.STARTTLS;
                    case "tls", "ssl" -> Security.TLS;
                    default ->
                            throw new ConfigurationException(
                                    "MITZEICHNEN_SMTP_SECURITY (mitzeichnen.mail.smtp-security) "
                                            + "must be none, starttls or tls, not '"
                                            + smtpSecurity
                                            + "'");
                };
        this.smtpSecurity = value;
    }

    public Security security() {
        return security;
    }

    /** Connect, read and write timeout towards the SMTP server. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** How many mails one dispatcher claims at a time. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    /** A mail that could not be delivered this long after it was written is given up (FAILED). */
    public Duration getGiveUpAfter() {
        return giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * A mail claimed (SENDING) for longer than this belonged to a dispatcher that died; it is taken
     * up again. A live dispatcher gives back what it has not sent after half of this, so it never
     * loses a claim it still works on.
     */
    public Duration getReclaimAfter() {
        return reclaimAfter;
    }

    public void setReclaimAfter(Duration reclaimAfter) {
        this.reclaimAfter = reclaimAfter;
    }

    /** How often one instance looks for mails of dead dispatchers (reclaim after + this ≤ 60 s). */
    public Duration getReclaimInterval() {
        return reclaimInterval;
    }

    public void setReclaimInterval(Duration reclaimInterval) {
        this.reclaimInterval = reclaimInterval;
    }

    /**
     * Sent and given-up mails keep only kind, status, times and Message-ID (recipient, subject and
     * bodies with their one-time links erased). Never erased in development, where the dev mailbox
     * shows them.
     */
    public boolean isEraseSent() {
        return eraseSent && !devMailbox();
    }

    public void setEraseSent(boolean eraseSent) {
        this.eraseSent = eraseSent;
    }

    /** True when no SMTP host is configured: mails go to the dev mailbox instead. */
    public boolean devMailbox() {
        return smtpHost.isBlank();
    }
}
