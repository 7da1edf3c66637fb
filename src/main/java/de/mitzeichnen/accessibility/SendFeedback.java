package de.mitzeichnen.accessibility;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a valid feedback message to the operator's feedback address through the outbox, with the
 * sender as Reply-To so that answering is one click. Nothing else is stored: the mail is the
 * record. The sender gets no mail, so the form cannot be used to send mail to third parties.
 */
@Singleton
class SendFeedback {

    static final String KIND = "accessibility.feedback";

    /** The operator reads German; the sender's language is named in the mail. */
    private static final Locale OPERATOR = Locale.GERMAN;

    private final Outbox outbox;
    private final MailTemplates templates;
    private final Texts texts;
    private final Clock clock;
    private final RateLimits limits;
    private final FeedbackAddress address;
    private final String baseUrl;

    SendFeedback(
            Outbox outbox,
            MailTemplates templates,
            Texts texts,
            Clock clock,
            RateLimits limits,
            FeedbackAddress address,
            MitzeichnenConfig config) {
        this.outbox = outbox;
        this.templates = templates;
        this.texts = texts;
        this.clock = clock;
        this.limits = limits;
        this.address = address;
        this.baseUrl = config.getBaseUrl();
    }

    /**
     * Takes one from the client's feedback bucket (429 beyond the limit) and puts the mail into the
     * outbox; the form must be valid.
     */
    void send(FeedbackForm form, Locale senderLanguage, String clientHash) {
        limits.require(RateLimits.Kind.FEEDBACK, clientHash, limits.config().feedbackLimit());
        Map<String, Object> model = new HashMap<>();
        model.put("name", form.name().isEmpty() ? null : form.name());
        model.put("email", form.email());
        model.put("page", form.page().isEmpty() ? null : form.page());
        model.put("message", form.message());
        model.put("language", senderLanguage.getDisplayLanguage(OPERATOR));
        model.put("sentAt", new Formats(OPERATOR, clock, texts).dateTime(clock.instant()));
        model.put("statementUrl", baseUrl + "/barrierefreiheit");
        MailTemplates.Rendered mail = templates.render("accessibility-feedback", OPERATOR, model);
        outbox.enqueue(
                new OutgoingMail(
                        address.get(),
                        texts.get(OPERATOR, "app.name"),
                        form.email(),
                        texts.get(OPERATOR, "a11y.feedback.mail.subject"),
                        mail.text(),
                        mail.html(),
                        Map.of(),
                        KIND));
    }
}
