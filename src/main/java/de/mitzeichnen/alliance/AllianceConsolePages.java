package de.mitzeichnen.alliance;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.NotFoundException;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's alliances: the list, and the form to create and edit one. Which alliances an
 * account may open is decided by {@link ManagedAllianceRule} (another organisation's: 403).
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class AllianceConsolePages {

    private static final Set<String> NOTICES = Set.of("created", "saved");

    /** One line of the list. */
    record Row(Alliance alliance, String organiserName, AllianceStats.Counts counts) {}

    private final Alliances alliances;
    private final AllianceStats stats;
    private final Organisers organisers;
    private final ConsoleView view;

    AllianceConsolePages(
            Alliances alliances, AllianceStats stats, Organisers organisers, ConsoleView view) {
        this.alliances = alliances;
        this.stats = stats;
        this.organisers = organisers;
        this.view = view;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, ConsoleUser me) {
        List<Row> rows =
                alliances.visibleTo(me).stream()
                        .map(
                                a ->
                                        new Row(
                                                a,
                                                organisers
                                                        .byId(a.organiserId())
                                                        .map(Organiser::name)
                                                        .orElse(""),
                                                stats.counts(a.id())))
                        .toList();
        return view.render(
                request, me, HttpStatus.OK, "alliance/console-list", Pages.model("rows", rows));
    }

    @Get("/neu")
    HttpResponse<String> newForm(HttpRequest<?> request, ConsoleUser me) {
        String contact =
                me.organiserId() == null
                        ? ""
                        : organisers.byId(me.organiserId()).map(Organiser::contactEmail).orElse("");
        return formPage(
                request,
                me,
                HttpStatus.OK,
                null,
                AllianceForm.blank(me.organiserId(), contact),
                new FormErrors(),
                null);
    }

    @Post("/neu")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, ConsoleUser me, @Body AllianceForm form) {
        FormErrors errors = new FormErrors();
        AllianceForm.Input input = form.validate(errors);
        if (input == null) {
            return formPage(request, me, HttpStatus.UNPROCESSABLE_ENTITY, null, form, errors, null);
        }
        Alliances.Outcome outcome = alliances.create(me, input);
        if (!outcome.ok()) {
            return formPage(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    form,
                    outcome.errors(),
                    null);
        }
        return redirect(outcome.saved(), "created");
    }

    @Get("/{id}")
    HttpResponse<String> edit(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(request, "alliance.console.notice." + ok)
                        : null;
        return formPage(
                request,
                me,
                HttpStatus.OK,
                alliance,
                AllianceForm.of(alliance),
                new FormErrors(),
                notice);
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, ConsoleUser me, long id, @Body AllianceForm form) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        FormErrors errors = new FormErrors();
        AllianceForm.Input input = form.validate(errors);
        if (input == null) {
            return formPage(
                    request, me, HttpStatus.UNPROCESSABLE_ENTITY, alliance, form, errors, null);
        }
        Alliances.Outcome outcome = alliances.update(me, alliance, input);
        if (!outcome.ok()) {
            Alliance now = alliances.byId(id).orElse(alliance);
            return formPage(
                    request,
                    me,
                    outcome.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
                    now,
                    outcome.conflict() ? AllianceForm.of(now) : form,
                    outcome.errors(),
                    null);
        }
        return redirect(outcome.saved(), "saved");
    }

    private HttpResponse<String> formPage(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            @Nullable Alliance alliance,
            AllianceForm form,
            FormErrors errors,
            @Nullable String notice) {
        Map<String, Object> model =
                Pages.model("alliance", alliance, "form", form, "notice", notice);
        if (alliance == null) {
            model.put("organisers", me.isPlatformAdmin() ? organisers.all() : List.of());
        } else {
            model.put("organiser", organisers.byId(alliance.organiserId()).orElse(null));
            model.put("counts", stats.counts(alliance.id()));
        }
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "alliance/console-form", model);
    }

    private static HttpResponse<?> redirect(Alliance a, String notice) {
        return HttpResponse.seeOther(
                URI.create("/verwaltung/buendnisse/" + a.id() + "?ok=" + notice));
    }
}
