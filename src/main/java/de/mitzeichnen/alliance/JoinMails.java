package de.mitzeichnen.alliance;

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

/**
 * The mails of joining through the platform, to the declarant, in the language they used on the
 * form, queued in the caller's transaction: the link to confirm, and then exactly one of accepted
 * or declined. From the organisation that runs the alliance; replies reach the alliance's contact.
 */
@Singleton
class JoinMails {

    private final Outbox outbox;
    private final MailTemplates templates;
    private final Organisers organisers;
    private final JoinDescriber describer;
    private final MitzeichnenConfig config;
    private final Texts texts;
    private final Clock clock;

    JoinMails(
            Outbox outbox,
            MailTemplates templates,
            Organisers organisers,
            JoinDescriber describer,
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

    void confirmation(Alliance alliance, JoinDeclaration d, String token) {
        Map<String, Object> model = model(alliance, d);
        model.put("confirmUrl", config.getBaseUrl() + JoinPages.CONFIRM + token);
        model.put(
                "expiresText",
                new Formats(d.locale(), clock, texts).dateTime(d.confirmExpiresAt()));
        send(alliance, d, "alliance-join-confirm", "alliance.join.mail.confirm.subject", model);
    }

    void accepted(Alliance alliance, JoinDeclaration d) {
        send(
                alliance,
                d,
                "alliance-join-accepted",
                "alliance.join.mail.accepted.subject",
                model(alliance, d));
    }

    void declined(Alliance alliance, JoinDeclaration d, String reason) {
        Map<String, Object> model = model(alliance, d);
        model.put("reason", reason);
        send(alliance, d, "alliance-join-declined", "alliance.join.mail.declined.subject", model);
    }

    private Map<String, Object> model(Alliance alliance, JoinDeclaration d) {
        Locale locale = d.locale();
        Organiser organiser = organisers.byId(alliance.organiserId()).orElseThrow();
        JoinDescriber.Described described = describer.describe(d, locale);
        Map<String, Object> model = new HashMap<>();
        model.put("name", d.name());
        model.put("allianceName", alliance.name());
        model.put(
                "allianceUrl",
                config.getBaseUrl() + "/buendnisse/" + alliance.slug() + "?lang=" + d.language());
        model.put("organiserName", organiser.name());
        model.put("contact", alliance.contactEmail());
        model.put("municipalityName", described.place());
        model.put("roleLabel", described.role());
        model.put("basis", d.basis());
        model.put("joinedOnText", new Formats(locale, clock, texts).day(d.decidedOn()));
        return model;
    }

    private void send(
            Alliance alliance,
            JoinDeclaration d,
            String template,
            String subjectKey,
            Map<String, Object> model) {
        MailTemplates.Rendered rendered = templates.render(template, d.locale(), model);
        outbox.enqueue(
                new OutgoingMail(
                        d.email(),
                        model.get("organiserName") + " via Mitzeichnen",
                        alliance.contactEmail(),
                        texts.get(d.locale(), subjectKey, alliance.name()),
                        rendered.text(),
                        rendered.html(),
                        Map.of(),
                        "alliance." + template.substring("alliance-".length())));
    }
}
