package de.mitzeichnen.security;

import de.mitzeichnen.db.EmbeddedDatabase;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Writes the password-reset mail and hands it on for delivery. This branch has no mail delivery: on the
 * embedded development database the link is written to the log so that the flow can be tried; elsewhere a
 * warning says that no mail went out (never the link itself).
 */
@Singleton
class PasswordResetMailer {

    /** The mail as it is to be sent. */
    record ResetMail(String to, String subject, String text) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetMailer.class);

    private final Texts texts;
    private final EmbeddedDatabase embedded;

    PasswordResetMailer(Texts texts, EmbeddedDatabase embedded) {
        this.texts = texts;
        this.embedded = embedded;
    }

    ResetMail compose(PasswordResets.Issued issued, Locale locale) {
        return new ResetMail(issued.account().email(),
                texts.get(locale, "security.reset.mail.subject"),
                texts.get(locale, "security.reset.mail.text", issued.account().displayName(), issued.link()));
    }

    void send(PasswordResets.Issued issued, Locale locale) {
        ResetMail mail = compose(issued, locale);
        if (embedded.isEmbedded()) {
            LOG.info("Password reset link for {} (development database; not mailed): {}", mail.to(), issued.link());
        } else {
            LOG.warn("Password reset requested for {}, but this installation cannot send mail: no link was delivered.",
                    mail.to());
        }
    }
}
