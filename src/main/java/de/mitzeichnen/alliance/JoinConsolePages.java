package de.mitzeichnen.alliance;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.signing.VerificationMethod;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The console's declarations of joining: those waiting for a decision across the account's
 * alliances, one alliance's (waiting and recently decided), and one declaration with its accept and
 * decline forms. An account of another organisation gets 403 for an alliance's pages and changes
 * nothing (checked here, for every route that names an alliance).
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class JoinConsolePages {

    private static final Set<String> NOTICES = Set.of("accepted", "declined");
    static final int DECIDED_SHOWN = 20;

    /** A declaration as a console list shows it. */
    record Row(Alliance alliance, JoinDeclaration declaration, JoinDescriber.Described described) {}

    private final Alliances alliances;
    private final JoinDecisions decisions;
    private final JoinDescriber describer;
    private final ConsoleView view;
    private final PageRenderer pages;
    private final Texts texts;

    JoinConsolePages(
            Alliances alliances,
            JoinDecisions decisions,
            JoinDescriber describer,
            ConsoleView view,
            PageRenderer pages,
            Texts texts) {
        this.alliances = alliances;
        this.decisions = decisions;
        this.describer = describer;
        this.view = view;
        this.pages = pages;
        this.texts = texts;
    }

    static String listPath(Alliance a) {
        return "/verwaltung/buendnisse/" + a.id() + "/beitritte";
    }

    @Get("/beitritte")
    HttpResponse<String> overview(HttpRequest<?> request, ConsoleUser me) {
        Locale locale = view.locale(request);
        List<Row> rows =
                decisions.open(me).stream()
                        .map(
                                r ->
                                        new Row(
                                                r.alliance(),
                                                r.declaration(),
                                                describer.describe(r.declaration(), locale)))
                        .toList();
        return view.render(
                request,
                me,
                HttpStatus.OK,
                "alliance/console-joins",
                Pages.model(
                        "rows",
                        rows,
                        "alliance",
                        null,
                        "decided",
                        List.of(),
                        "alliances",
                        alliances.visibleTo(me)));
    }

    @Get("/buendnisse/{id}/beitritte")
    HttpResponse<String> list(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        if (!me.mayManage(alliance.organiserId())) {
            return forbidden(request);
        }
        Locale locale = view.locale(request);
        List<Row> open =
                decisions.open(alliance).stream()
                        .map(d -> new Row(alliance, d, describer.describe(d, locale)))
                        .toList();
        List<Row> decided =
                decisions.decided(alliance, DECIDED_SHOWN).stream()
                        .map(d -> new Row(alliance, d, describer.describe(d, locale)))
                        .toList();
        Map<String, Object> model =
                Pages.model(
                        "rows",
                        open,
                        "alliance",
                        alliance,
                        "decided",
                        decided,
                        "alliances",
                        List.of(alliance));
        if (ok != null && NOTICES.contains(ok)) {
            model.put("notice", view.text(request, "alliance.join.console.notice." + ok));
        }
        return view.render(request, me, HttpStatus.OK, "alliance/console-joins", model);
    }

    @Get("/buendnisse/{id}/beitritte/{joinId}")
    HttpResponse<String> show(HttpRequest<?> request, ConsoleUser me, long id, long joinId) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        if (!me.mayManage(alliance.organiserId())) {
            return forbidden(request);
        }
        JoinDeclaration d = visible(alliance, joinId);
        return page(request, me, HttpStatus.OK, alliance, d, new FormErrors(), null, Map.of());
    }

    @Post("/buendnisse/{id}/beitritte/{joinId}/annehmen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> accept(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long joinId,
            @Nullable @Body Map<String, String> form) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        if (!me.mayManage(alliance.organiserId())) {
            return forbidden(request);
        }
        String method = form == null ? null : form.get("method");
        VerificationMethod how =
                Arrays.stream(VerificationMethod.values())
                        .filter(m -> m.name().equals(method))
                        .findFirst()
                        .orElse(null);
        JoinDecisions.Outcome outcome = decisions.accept(alliance, joinId, me, how);
        if (outcome.ok()) {
            return HttpResponse.seeOther(URI.create(listPath(alliance) + "?ok=accepted"));
        }
        return refused(request, me, alliance, joinId, outcome, form);
    }

    @Post("/buendnisse/{id}/beitritte/{joinId}/ablehnen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> decline(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long joinId,
            @Nullable @Body Map<String, String> form) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        if (!me.mayManage(alliance.organiserId())) {
            return forbidden(request);
        }
        JoinDecisions.Outcome outcome =
                decisions.decline(alliance, joinId, me, form == null ? null : form.get("reason"));
        if (outcome.ok()) {
            return HttpResponse.seeOther(URI.create(listPath(alliance) + "?ok=declined"));
        }
        return refused(request, me, alliance, joinId, outcome, form);
    }

    private HttpResponse<String> refused(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            long joinId,
            JoinDecisions.Outcome outcome,
            @Nullable Map<String, String> form) {
        JoinDeclaration d = decisions.declaration(alliance, joinId).orElse(null);
        if (d == null || d.state() == JoinState.PENDING_CONFIRMATION) {
            throw new NotFoundException();
        }
        List<String> membership =
                List.copyOf(outcome.membership().localized(texts, view.locale(request)).values());
        return page(
                request,
                me,
                d.state().open() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT,
                alliance,
                d,
                outcome.errors(),
                membership,
                form == null ? Map.of() : form);
    }

    /** Unconfirmed declarations are nobody's business yet: as if there were none. */
    private JoinDeclaration visible(Alliance alliance, long joinId) {
        return decisions
                .declaration(alliance, joinId)
                .filter(d -> d.state() != JoinState.PENDING_CONFIRMATION)
                .orElseThrow(NotFoundException::new);
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            Alliance alliance,
            JoinDeclaration d,
            FormErrors errors,
            @Nullable List<String> membership,
            Map<String, String> form) {
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "declaration",
                        d,
                        "described",
                        describer.describe(d, view.locale(request)),
                        "methods",
                        List.of(VerificationMethod.values()),
                        "membership",
                        membership == null ? List.of() : membership,
                        "chosenMethod",
                        form.getOrDefault("method", ""),
                        "reason",
                        form.getOrDefault("reason", ""));
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "alliance/console-join", model);
    }

    private HttpResponse<String> forbidden(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.FORBIDDEN, "error/403", Pages.model("status", 403));
    }
}
