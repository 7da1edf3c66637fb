package de.mitzeichnen.moderation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.web.Pages;
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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * „Auffällig": the submissions of the last hour by client address hash and by e-mail domain, and
 * the submissions a rate limit held back (suspected, no mail sent), one line per client address
 * with what was stored and what was only counted. Clearing sends the confirmation mails now;
 * rejecting keeps them out for good; both for one submission or for all of an address, with a
 * reason, recorded in the audit log.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/auffaellig")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleTrendingPages {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final int MAX_TEXT = 500;
    private static final int MAX_ADDRESSES = 50;

    /**
     * CLEAR or REJECT with a reason, for one held submission or (with {@code address}, the client
     * address hash) for all of one address.
     */
    @Serdeable
    record DecisionForm(
            @Nullable String action, @Nullable String reason, @Nullable String address) {

        String reasonText() {
            return reason == null ? "" : reason.strip();
        }

        String actionName() {
            return action == null ? "" : action;
        }

        String addressHash() {
            return address == null ? "" : address;
        }
    }

    private final ManagedAppeals managed;
    private final Signatures signatures;
    private final AuditLog audit;
    private final ConsoleView view;
    private final Clock clock;

    ConsoleTrendingPages(
            ManagedAppeals managed,
            Signatures signatures,
            AuditLog audit,
            ConsoleView view,
            Clock clock) {
        this.managed = managed;
        this.signatures = signatures;
        this.audit = audit;
        this.view = view;
        this.clock = clock;
    }

    @Get
    HttpResponse<String> show(HttpRequest<?> request, ConsoleUser me, long id) {
        return page(request, me, managed.byId(me, id), HttpStatus.OK, null);
    }

    /** Releases or rejects every held submission of one client address. */
    @Post("/anschluss")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decideAddress(
            HttpRequest<?> request, ConsoleUser me, long id, @Body DecisionForm form) {
        Appeal appeal = managed.byId(me, id);
        String reason = form.reasonText();
        String address = form.addressHash();
        String action = form.actionName();
        String error =
                reason.isEmpty()
                        ? "console.trending.error.reason"
                        : reason.length() > MAX_TEXT
                                ? "console.verification.error.tooLong"
                                : !address.matches("[0-9a-f]{0,64}")
                                        ? "console.trending.error.address"
                                        : !action.equals("CLEAR") && !action.equals("REJECT")
                                                ? "console.signatures.error.action"
                                                : null;
        if (error != null) {
            return page(request, me, appeal, HttpStatus.UNPROCESSABLE_ENTITY, error);
        }
        boolean release = action.equals("CLEAR");
        Signatures.AddressDecision decision =
                signatures.decideAddress(appeal.id(), address, release, me.email(), reason);
        if (decision.changed() > 0 || decision.counted() > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("address", shortHash(address));
            details.put("signatures", decision.changed());
            details.put("counted", decision.counted());
            details.put("reason", reason);
            audit.record(
                    Actor.of(me),
                    release ? "HELD_ADDRESS_CLEAR" : "HELD_ADDRESS_REJECT",
                    appeal.organiserId(),
                    appeal.id(),
                    details);
        }
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/"
                                + id
                                + "/auffaellig?"
                                + (release ? "released=" : "rejected=")
                                + decision.changed()
                                + "&counted="
                                + decision.counted()));
    }

    static String shortHash(String hash) {
        return hash.length() > 10 ? hash.substring(0, 10) + "…" : hash;
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
        String reason = form.reasonText();
        if (reason.isEmpty() || reason.length() > MAX_TEXT) {
            return page(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    reason.isEmpty()
                            ? "console.trending.error.reason"
                            : "console.verification.error.tooLong");
        }
        String action = form.actionName();
        boolean changed;
        if ("CLEAR".equals(action)) {
            changed = signatures.clear(appeal.id(), signatureId, me.email(), reason);
        } else if ("REJECT".equals(action)) {
            changed = signatures.reject(appeal.id(), signatureId, me.email(), reason);
        } else {
            return page(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "console.signatures.error.action");
        }
        if (changed) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("signature", signatureId);
            details.put("reason", reason);
            audit.record(
                    Actor.of(me),
                    "CLEAR".equals(action) ? "SIGNATURE_CLEAR" : "SIGNATURE_REJECT",
                    appeal.organiserId(),
                    appeal.id(),
                    details);
        }
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/" + id + "/auffaellig?done=" + (changed ? "1" : "0")));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            String error) {
        var since = clock.instant().minus(WINDOW);
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "byAddress",
                        signatures.submissionsByAddress(appeal.id(), since),
                        "byDomain",
                        signatures.submissionsByDomain(appeal.id(), since),
                        "heldAddresses",
                        signatures.heldByAddress(appeal.id(), MAX_ADDRESSES),
                        "heldTotals",
                        signatures.heldTotals(appeal.id()),
                        "outcome",
                        outcome(request),
                        "error",
                        error == null ? null : view.text(request, error),
                        "done",
                        request.getParameters().get("done"));
        return view.render(request, me, status, "console/trending", model);
    }

    /** What the last decision on an address did, from the redirect's parameters. */
    record Outcome(boolean released, long changed, long counted) {}

    private static Outcome outcome(HttpRequest<?> request) {
        var p = request.getParameters();
        boolean released = p.contains("released");
        if (!released && !p.contains("rejected")) {
            return null;
        }
        return new Outcome(
                released,
                number(p.get(released ? "released" : "rejected")),
                number(p.get("counted")));
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
