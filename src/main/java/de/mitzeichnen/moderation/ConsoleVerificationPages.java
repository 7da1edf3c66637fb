package de.mitzeichnen.moderation;

import com.fasterxml.jackson.annotation.JsonProperty;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.signing.SignatureFilter;
import de.mitzeichnen.signing.SignatureSearch;
import de.mitzeichnen.signing.VerificationMethod;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verification queue: confirmed signatures that rest on the e-mail alone (with their free-mail
 * and other-municipality flags), each verified (saying how) or rejected in one step.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/pruefen")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleVerificationPages {

    private static final int MAX_TEXT = 500;
    private static final Map<String, String> QUEUE =
            Map.of("status", "CONFIRMED", "trust", "EMAIL_ONLY");

    /**
     * A decision on one signature of the queue: VERIFY (saying how) or REJECT, with a note (the
     * reason, for a rejection) and whether the signer hears of a rejection.
     */
    @Serdeable
    record DecisionForm(
            @Nullable String action,
            @Nullable String method,
            @Nullable String note,
            @JsonProperty("notify") @Nullable String notifySigner) {

        String text() {
            return note == null ? "" : note.strip();
        }

        boolean notifies() {
            return "on".equals(notifySigner);
        }
    }

    private final ManagedAppeals managed;
    private final Moderation moderation;
    private final AuditLog audit;
    private final ConsoleView view;
    private final Texts texts;

    ConsoleVerificationPages(
            ManagedAppeals managed,
            Moderation moderation,
            AuditLog audit,
            ConsoleView view,
            Texts texts) {
        this.managed = managed;
        this.moderation = moderation;
        this.audit = audit;
        this.view = view;
        this.texts = texts;
    }

    @Get
    HttpResponse<String> queue(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        return page(
                request, me, appeal, HttpStatus.OK, null, request.getParameters().get("before"));
    }

    @Post("/{signatureId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long signatureId,
            @Body DecisionForm form) {
        Appeal appeal = managed.byId(me, id);
        String text = form.text();
        if (text.length() > MAX_TEXT) {
            return page(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "console.verification.error.tooLong",
                    null);
        }
        boolean changed;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("signature", signatureId);
        if ("VERIFY".equals(form.action())) {
            VerificationMethod method = method(form.method());
            if (method == null) {
                return page(
                        request,
                        me,
                        appeal,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "console.verification.error.method",
                        null);
            }
            changed =
                    moderation.apply(
                            appeal.id(),
                            signatureId,
                            ModerationAction.VERIFY,
                            method,
                            text,
                            me.email(),
                            false);
            details.put("method", method.name());
            details.put("reason", text);
            if (changed) {
                audit.record(
                        Actor.of(me),
                        "SIGNATURE_VERIFY",
                        appeal.organiserId(),
                        appeal.id(),
                        details);
            }
        } else if ("REJECT".equals(form.action())) {
            if (text.isEmpty()) {
                return page(
                        request,
                        me,
                        appeal,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "console.verification.error.reason",
                        null);
            }
            changed =
                    moderation.apply(
                            appeal.id(),
                            signatureId,
                            ModerationAction.REJECT,
                            text,
                            me.email(),
                            form.notifies());
            details.put("reason", text);
            if (changed) {
                audit.record(
                        Actor.of(me),
                        "SIGNATURE_REJECT",
                        appeal.organiserId(),
                        appeal.id(),
                        details);
            }
        } else {
            return page(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "console.signatures.error.action",
                    null);
        }
        String done =
                "VERIFY".equals(form.action())
                        ? ModerationAction.VERIFY.done()
                        : ModerationAction.REJECT.done();
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/"
                                + id
                                + "/pruefen?done="
                                + done
                                + "&n="
                                + (changed ? 1 : 0)));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            String error,
            String before) {
        SignatureFilter filter = SignatureFilter.of(QUEUE);
        Long from = null;
        try {
            from = before == null ? null : Long.valueOf(before);
        } catch (NumberFormatException e) {
            // a damaged link starts at the top
        }
        SignatureSearch.Page page = moderation.page(appeal.id(), filter, from);
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "rows",
                        page.rows(),
                        "nextBefore",
                        page.nextBefore(),
                        "total",
                        moderation.count(appeal.id(), filter),
                        "methods",
                        VerificationMethod.values(),
                        "error",
                        error == null ? null : view.text(request, error),
                        "done",
                        doneMessage(request));
        return view.render(request, me, status, "console/verification", model);
    }

    /** The message after a decision ({@code ?done=verified&n=1}), in words; null without one. */
    private String doneMessage(HttpRequest<?> request) {
        return ModerationAction.byDone(request.getParameters().get("done"))
                .map(
                        a ->
                                "1".equals(request.getParameters().get("n"))
                                        ? texts.plural(
                                                view.locale(request),
                                                "console.signatures.done." + a.name(),
                                                1)
                                        : view.text(request, "console.signatures.unchanged"))
                .orElse(null);
    }

    private static VerificationMethod method(String value) {
        try {
            return value == null ? null : VerificationMethod.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
