package de.mitzeichnen.moderation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.signing.Signature;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Tells a signer, when the organiser chose to, that their signature was not accepted, and why. */
@Singleton
class RejectionNotices {

    private final Signatures signatures;
    private final Appeals appeals;
    private final Organisers organisers;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final Texts texts;

    RejectionNotices(
            Signatures signatures,
            Appeals appeals,
            Organisers organisers,
            MailTemplates templates,
            Outbox outbox,
            Texts texts) {
        this.signatures = signatures;
        this.appeals = appeals;
        this.organisers = organisers;
        this.templates = templates;
        this.outbox = outbox;
        this.texts = texts;
    }

    void rejected(long signatureId, String reason) {
        Signature signer = signatures.find(signatureId).orElse(null);
        if (signer == null || signer.email() == null) {
            return;
        }
        Appeal appeal = appeals.byId(signer.appealId()).orElseThrow();
        String organiser = organisers.current(appeal.organiserId()).map(o -> o.name()).orElse("");
        Locale locale = Locale.forLanguageTag(signer.language());
        Map<String, Object> model = new HashMap<>();
        model.put("name", signer.name());
        model.put("appealTitle", appeal.title());
        model.put("organiserName", organiser);
        model.put("reason", reason);
        model.put("contact", appeal.contactEmail());
        MailTemplates.Rendered rendered = templates.render("signature-rejected", locale, model);
        outbox.enqueue(
                new OutgoingMail(
                        signer.email(),
                        organiser + " via Mitzeichnen",
                        appeal.contactEmail(),
                        texts.get(locale, "moderation.mail.rejected.subject", appeal.title()),
                        rendered.text(),
                        rendered.html(),
                        Map.of(),
                        "moderation.signature-rejected"));
    }
}
