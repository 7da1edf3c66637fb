package de.mitzeichnen.moderation;

import com.fasterxml.jackson.annotation.JsonProperty;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.map.GermanyMap;
import de.mitzeichnen.signing.SignatureFilter;
import de.mitzeichnen.signing.SignatureSearch;
import de.mitzeichnen.signing.SignatureStatus;
import de.mitzeichnen.signing.Trust;
import de.mitzeichnen.signing.TrustFlag;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moderation of an appeal's signatures: a filtered, searchable list paged by keyset, actions with a
 * reason on one signature, and bulk actions on the filtered selection after a preview of how many
 * they change.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/unterschriften")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleSignaturePages {

    private static final int MAX_REASON = 500;

    /** One action on one signature, with its reason; {@code notify}: tell a rejected signer. */
    @Serdeable
    record ActionForm(
            @Nullable String action,
            @Nullable String reason,
            @JsonProperty("notify") @Nullable String notifySigner) {

        String reasonText() {
            return reason == null ? "" : reason.strip();
        }

        boolean notifies() {
            return "on".equals(notifySigner);
        }
    }

    /**
     * One action on every signature the list's filter finds: the filter rides along in the form;
     * without {@code confirm=yes} the action is only previewed.
     */
    @Serdeable
    record BulkForm(
            @Nullable String status,
            @Nullable String trust,
            @Nullable String flag,
            @Nullable String land,
            @Nullable String role,
            @Nullable String from,
            @Nullable String to,
            @Nullable String q,
            @Nullable String before,
            @Nullable String action,
            @Nullable String reason,
            @JsonProperty("notify") @Nullable String notifySigner,
            @Nullable String confirm) {

        ActionForm act() {
            return new ActionForm(action, reason, notifySigner);
        }

        boolean confirmed() {
            return "yes".equals(confirm);
        }

        /** The filter's fields, as the list's address carries them. */
        Map<String, String> filter() {
            Map<String, String> raw = new HashMap<>();
            raw.put("status", status);
            raw.put("trust", trust);
            raw.put("flag", flag);
            raw.put("land", land);
            raw.put("role", role);
            raw.put("from", from);
            raw.put("to", to);
            raw.put("q", q);
            raw.put("before", before);
            return params(raw);
        }
    }

    private final ManagedAppeals managed;
    private final Moderation moderation;
    private final AuditLog audit;
    private final ConsoleView view;
    private final GermanyMap map;
    private final Texts texts;

    ConsoleSignaturePages(
            ManagedAppeals managed,
            Moderation moderation,
            AuditLog audit,
            ConsoleView view,
            GermanyMap map,
            Texts texts) {
        this.managed = managed;
        this.moderation = moderation;
        this.audit = audit;
        this.view = view;
        this.map = map;
        this.texts = texts;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        Map<String, String> params = params(request.getParameters().asMap());
        return page(request, me, appeal, params, HttpStatus.OK, null, null, null);
    }

    @Post("/{signatureId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> act(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long signatureId,
            @Body ActionForm form) {
        Appeal appeal = managed.byId(me, id);
        Optional<ModerationAction> action = action(form.action());
        String reason = form.reasonText();
        if (action.isEmpty() || reason.isEmpty() || reason.length() > MAX_REASON) {
            String field = (action.isEmpty() ? "action-" : "reason-") + signatureId;
            return page(
                    request,
                    me,
                    appeal,
                    Map.of(),
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    field,
                    action.isEmpty()
                            ? "console.signatures.error.action"
                            : "console.signatures.error.reason",
                    null);
        }
        boolean changed =
                moderation.apply(
                        appeal.id(),
                        signatureId,
                        action.get(),
                        reason,
                        me.email(),
                        form.notifies());
        if (changed) {
            audit.record(
                    Actor.of(me),
                    "SIGNATURE_" + action.get().name(),
                    appeal.organiserId(),
                    appeal.id(),
                    Map.of("signature", signatureId, "reason", reason));
        }
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/"
                                + id
                                + "/unterschriften?done="
                                + action.get().done()
                                + "&n="
                                + (changed ? 1 : 0)));
    }

    /**
     * Bulk: without {@code confirm} it shows how many signatures the action would change; with it,
     * applies it.
     */
    @Post("/alle")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> actOnAll(HttpRequest<?> request, ConsoleUser me, long id, @Body BulkForm bulk) {
        Appeal appeal = managed.byId(me, id);
        Map<String, String> params = bulk.filter();
        SignatureFilter filter = SignatureFilter.of(params);
        ActionForm form = bulk.act();
        Optional<ModerationAction> action = action(form.action());
        String reason = form.reasonText();
        if (action.isEmpty() || reason.isEmpty() || reason.length() > MAX_REASON) {
            return page(
                    request,
                    me,
                    appeal,
                    params,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    action.isEmpty() ? "bulk-action" : "bulk-reason",
                    action.isEmpty()
                            ? "console.signatures.error.action"
                            : "console.signatures.error.reason",
                    null);
        }
        if (!bulk.confirmed()) {
            // Ask again on a page of its own: how many signatures, which action, which reason;
            // nothing changes yet.
            String query = String.join("&", filter.asParams());
            return view.render(
                    request,
                    me,
                    HttpStatus.OK,
                    "console/signatures-confirm",
                    Pages.model(
                            "appeal",
                            appeal,
                            "action",
                            action.get().name(),
                            "reason",
                            reason,
                            "notify",
                            form.notifies(),
                            "params",
                            params,
                            "query",
                            query,
                            "count",
                            moderation.preview(appeal.id(), filter, action.get()),
                            "total",
                            moderation.count(appeal.id(), filter)));
        }
        long changed =
                moderation.applyAll(
                        appeal.id(), filter, action.get(), reason, me.email(), form.notifies());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filter", String.join("&", filter.asParams()));
        details.put("reason", reason);
        details.put("rows", changed);
        audit.record(
                Actor.of(me),
                "SIGNATURES_" + action.get().name(),
                appeal.organiserId(),
                appeal.id(),
                details);
        String query = String.join("&", filter.asParams());
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/"
                                + id
                                + "/unterschriften?done="
                                + action.get().done()
                                + "&n="
                                + changed
                                + (query.isEmpty() ? "" : "&" + query)));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            Map<String, String> params,
            HttpStatus status,
            String errorField,
            String error,
            Map<String, Object> preview) {
        SignatureFilter filter = SignatureFilter.of(params);
        Long before = parseLong(params.get("before"));
        SignatureSearch.Page page = moderation.page(appeal.id(), filter, before);
        String query = String.join("&", filter.asParams());
        Map<String, List<String>> fitting = new LinkedHashMap<>();
        for (SignatureStatus s : SignatureStatus.values()) {
            fitting.put(s.name(), ModerationAction.fitting(s).stream().map(Enum::name).toList());
        }
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
                        "filter",
                        filter,
                        "query",
                        query,
                        "statuses",
                        SignatureStatus.values(),
                        "trusts",
                        Trust.values(),
                        "flags",
                        TrustFlag.values(),
                        "roles",
                        SignerRole.values(),
                        "actions",
                        ModerationAction.values(),
                        "fitting",
                        fitting,
                        "lands",
                        map.lands().stream()
                                .sorted(Comparator.comparing(GermanyMap.Land::name))
                                .toList(),
                        "params",
                        params,
                        "preview",
                        preview,
                        "done",
                        doneMessage(request));
        if (error != null) {
            model.put("errors", Map.of(errorField, view.text(request, error)));
        }
        return view.render(request, me, status, "console/signatures", model);
    }

    /**
     * The message after an action ({@code ?done=verified&n=3}), in words with the right plural;
     * null without one.
     */
    private String doneMessage(HttpRequest<?> request) {
        Optional<ModerationAction> done =
                ModerationAction.byDone(request.getParameters().get("done"));
        if (done.isEmpty()) {
            return null;
        }
        long n =
                Math.max(
                        0,
                        Optional.ofNullable(parseLong(request.getParameters().get("n")))
                                .orElse(0L));
        return n == 0
                ? view.text(request, "console.signatures.unchanged")
                : texts.plural(
                        view.locale(request), "console.signatures.done." + done.get().name(), n);
    }

    private static Optional<ModerationAction> action(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModerationAction.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> params(Map<String, ?> raw) {
        Map<String, String> out = new HashMap<>();
        for (String key :
                List.of("status", "trust", "flag", "land", "role", "from", "to", "q", "before")) {
            Object v = raw.get(key);
            if (v instanceof List<?> list && !list.isEmpty()) {
                v = list.get(0);
            }
            if (v != null && !v.toString().isBlank()) {
                out.put(key, v.toString());
            }
        }
        return out;
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
