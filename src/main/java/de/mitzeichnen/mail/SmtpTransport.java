package de.mitzeichnen.mail;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.email.EmailAddress;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/** Builds MIME messages from outbox rows and talks SMTP through Jakarta Mail (Eclipse Angus). */
@Singleton
class SmtpTransport {

    private final MailConfig config;
    private final Session session;
    private final String protocol;

    SmtpTransport(MailConfig config, MitzeichnenConfig app) {
        this.config = config;
        this.protocol = config.security() == MailConfig.Security.TLS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        String timeout = String.valueOf(config.getTimeout().toMillis());
        Properties props = new Properties();
        props.put(p + "host", config.getSmtpHost());
        props.put(p + "port", String.valueOf(config.getSmtpPort()));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "from", ascii(config.getFrom()));
        // A stable EHLO name instead of whatever the container's hostname is.
        String host = URI.create(app.getBaseUrl()).getHost();
        props.put(p + "localhost", host == null || host.isBlank() ? "localhost" : host);
        props.put(p + "auth", String.valueOf(!config.getSmtpUsername().isEmpty()));
        if (config.security() == MailConfig.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.security() != MailConfig.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
    }

    /**
     * Opens one SMTP connection (authenticated when a user name is configured); the caller closes
     * it.
     */
    Transport connect() throws MessagingException {
        Transport transport = session.getTransport(protocol);
        String user = config.getSmtpUsername().isEmpty() ? null : config.getSmtpUsername();
        String password = user == null ? null : config.getSmtpPassword();
        transport.connect(config.getSmtpHost(), config.getSmtpPort(), user, password);
        return transport;
    }

    void send(Transport transport, MimeMessage message) throws MessagingException {
        transport.sendMessage(message, message.getAllRecipients());
    }

    /** multipart/alternative (text, then HTML), UTF-8, with the row's stable Message-ID. */
    MimeMessage build(OutboxMessage row, Instant now) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, row.messageId());
        try {
            String from = ascii(config.getFrom());
            message.setFrom(
                    row.fromName().isEmpty()
                            ? new InternetAddress(from)
                            : new InternetAddress(
                                    from, row.fromName(), StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setRecipient(
                MimeMessage.RecipientType.TO, new InternetAddress(ascii(row.recipient()), true));
        if (row.replyTo() != null) {
            message.setReplyTo(
                    new InternetAddress[] {new InternetAddress(ascii(row.replyTo()), true)});
        }
        message.setSubject(row.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(now));
        // RFC 3834: tells auto-responders (out-of-office) not to answer.
        message.setHeader("Auto-Submitted", "auto-generated");
        for (Map.Entry<String, String> h : MailHeaders.parse(row.headers()).entrySet()) {
            try {
                message.setHeader(
                        h.getKey(),
                        MimeUtility.fold(
                                h.getKey().length() + 2,
                                MimeUtility.encodeText(
                                        h.getValue(), StandardCharsets.UTF_8.name(), null)));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(row.textBody(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(row.htmlBody(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /**
     * The ASCII (punycode) form the envelope and headers must carry: Jakarta Mail writes each char
     * of a non-ASCII address as its low byte ("muenℭhen.de" went to "muen-hen.de"). Rows are stored
     * in this form already ({@link Outbox}); older rows are converted here. Something that is no
     * address is left to Jakarta Mail to refuse.
     */
    static String ascii(String address) {
        return EmailAddress.parse(address).map(EmailAddress::ascii).orElse(address);
    }

    /**
     * Keeps the Message-ID generated at enqueue, so a resent mail can be recognised as the same
     * one.
     */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
