package de.mitzeichnen.security;

import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** The mail with a password-reset link, through the outbox (templates/mail/password-reset.*). */
@Singleton
class PasswordResetMail {

    static final String KIND = "security.password-reset";

    private final MailTemplates templates;
    private final Outbox outbox;
    private final Texts texts;
    private final Clock clock;

    PasswordResetMail(MailTemplates templates, Outbox outbox, Texts texts, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
    }

    /**
     * Puts the mail into the outbox, in the caller's transaction: it goes out only if the link was
     * stored.
     */
    long send(PasswordResets.Issued issued, Locale locale) {
        MailTemplates.Rendered mail =
                templates.render(
                        "password-reset",
                        locale,
                        Map.of(
                                "name", issued.account().displayName(),
                                "link", issued.link(),
                                "validUntil",
                                        new Formats(locale, clock, texts)
                                                .dateTime(issued.expiresAt())));
        return outbox.enqueue(
                new OutgoingMail(
                        issued.account().email(),
                        texts.get(locale, "app.name"),
                        null,
                        texts.get(locale, "security.reset.mail.subject"),
                        mail.text(),
                        mail.html(),
                        Map.of(),
                        KIND));
    }
}
