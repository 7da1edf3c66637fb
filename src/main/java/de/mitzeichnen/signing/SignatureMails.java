package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The mails of the signing flow, in the signer's language, queued in the caller's transaction. */
@Singleton
class SignatureMails {

    private final Outbox outbox;
    private final MailTemplates templates;
    private final Organisers organisers;
    private final SignatureDescriber describer;
    private final MitzeichnenConfig config;
    private final Texts texts;
    private final Clock clock;

    SignatureMails(
            Outbox outbox,
            MailTemplates templates,
            Organisers organisers,
            SignatureDescriber describer,
            MitzeichnenConfig config,
            Texts texts,
            Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.organisers = organisers;
        this.describer = describer;
        this.config = config;
        this.texts = texts;
        this.clock = clock;
    }

    void confirmation(Appeal appeal, Signature s, String token, Locale locale) {
        Map<String, Object> model = model(appeal, s, locale);
        Formats fmt = new Formats(locale, clock, texts);
        model.put("confirmUrl", config.getBaseUrl() + "/bestaetigen/" + token);
        model.put("expiresText", fmt.dateTime(s.links().confirmExpiresAt()));
        send(appeal, s, locale, "signature-confirm", "signing.mail.confirm.subject", model);
    }

    void alreadySigned(Appeal appeal, Signature s, Locale locale) {
        send(
                appeal,
                s,
                locale,
                "signature-already",
                "signing.mail.already.subject",
                model(appeal, s, locale));
    }

    void confirmed(Appeal appeal, Signature s, String withdrawToken, Locale locale) {
        Map<String, Object> model = model(appeal, s, locale);
        model.put("withdrawUrl", config.getBaseUrl() + "/zurueckziehen/" + withdrawToken);
        model.put("counted", SignatureTally.counted(s, appeal.publicCount()));
        send(appeal, s, locale, "signature-confirmed", "signing.mail.confirmed.subject", model);
    }

    /**
     * A reply recorded by the organiser: what was recorded, on what evidence, and how to take it
     * back.
     */
    void recorded(
            Appeal appeal, Signature s, Evidence evidence, String withdrawToken, Locale locale) {
        Map<String, Object> model = model(appeal, s, locale);
        Formats fmt = new Formats(locale, clock, texts);
        model.put("withdrawUrl", config.getBaseUrl() + "/zurueckziehen/" + withdrawToken);
        String how = texts.get(locale, "console.verification.method." + evidence.method().name());
        model.put(
                "evidenceText",
                evidence.date() == null ? how : how + ", " + fmt.day(evidence.date()));
        model.put(
                "publicNameText",
                texts.get(
                        locale,
                        s.signer().publicName()
                                ? "replies.mail.publicName.yes"
                                : "replies.mail.publicName.no"));
        send(appeal, s, locale, "reply-recorded", "replies.mail.subject", model);
    }

    private Map<String, Object> model(Appeal appeal, Signature s, Locale locale) {
        Organiser organiser = organisers.byId(appeal.organiserId()).orElseThrow();
        SignatureDescriber.Description d = describer.describe(s, locale);
        Map<String, Object> model = new HashMap<>();
        model.put("name", s.signer().name());
        model.put("appealTitle", appeal.title());
        model.put("appealUrl", config.getBaseUrl() + "/aufrufe/" + appeal.slug());
        model.put("organiserName", organiser.name());
        model.put("municipalityName", d.municipality());
        model.put("roleLabel", d.role());
        model.put("deadlineText", new Formats(locale, clock, texts).dateTime(appeal.deadline()));
        return model;
    }

    private void send(
            Appeal appeal,
            Signature s,
            Locale locale,
            String template,
            String subjectKey,
            Map<String, Object> model) {
        // the model already names the organiser; no second lookup
        MailTemplates.Rendered rendered = templates.render(template, locale, model);
        outbox.enqueue(
                new OutgoingMail(
                        s.signer().email(),
                        model.get("organiserName") + " via Mitzeichnen",
                        appeal.contactEmail(),
                        texts.get(locale, subjectKey, appeal.title()),
                        rendered.text(),
                        rendered.html(),
                        Map.of(),
                        "signing." + template));
    }
}
