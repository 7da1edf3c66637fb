package de.mitzeichnen.organiser;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
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
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Organisers, for platform admins only. */
@Secured(ConsoleUser.PLATFORM_ADMIN)
// console pages are no part of the open API document
@Hidden
@Controller("/verwaltung/organisationen")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class OrganiserPages {

    private final OrganiserRepository organisers;
    private final OrganiserAdmin admin;
    private final ConsoleView view;

    OrganiserPages(OrganiserRepository organisers, OrganiserAdmin admin, ConsoleView view) {
        this.organisers = organisers;
        this.admin = admin;
        this.view = view;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, ConsoleUser me) {
        List<Organiser> all =
                organisers.findAll().stream()
                        .sorted(Comparator.comparing(Organiser::name))
                        .toList();
        return view.render(
                request, me, HttpStatus.OK, "console/organisers", Pages.model("organisers", all));
    }

    @Get("/neu")
    HttpResponse<String> newForm(HttpRequest<?> request, ConsoleUser me) {
        return form(
                request, me, HttpStatus.OK, null, OrganiserForm.blank(), new FormErrors(), null);
    }

    @Post("/neu")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, ConsoleUser me, @Body OrganiserForm form) {
        FormErrors errors = new FormErrors();
        OrganiserForm.Input input = form.validate(errors);
        if (input == null) {
            return form(request, me, HttpStatus.UNPROCESSABLE_ENTITY, null, form, errors, null);
        }
        OrganiserAdmin.Outcome outcome = admin.create(me, input);
        if (outcome.saved() == null) {
            return form(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    form,
                    outcome.errors(),
                    null);
        }
        return HttpResponse.seeOther(
                URI.create("/verwaltung/organisationen/" + outcome.saved().id() + "?ok=1"));
    }

    @Get("/{id}")
    HttpResponse<String> edit(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Organiser o = organisers.findById(id).orElseThrow(NotFoundException::new);
        return form(
                request,
                me,
                HttpStatus.OK,
                o,
                OrganiserForm.of(o),
                new FormErrors(),
                ok == null ? null : view.text(request, "console.saved"));
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(
            HttpRequest<?> request, ConsoleUser me, long id, @Body OrganiserForm form) {
        Organiser o = organisers.findById(id).orElseThrow(NotFoundException::new);
        FormErrors errors = new FormErrors();
        OrganiserForm.Input input = form.validate(errors);
        if (input == null) {
            return form(request, me, HttpStatus.UNPROCESSABLE_ENTITY, o, form, errors, null);
        }
        OrganiserAdmin.Outcome outcome = admin.update(me, o, input);
        if (outcome.saved() == null) {
            Organiser now = organisers.findById(id).orElse(o);
            OrganiserForm kept =
                    new OrganiserForm(
                            form.name(),
                            form.kind(),
                            form.municipalityAgs(),
                            form.contactEmail(),
                            form.website(),
                            now.version() == null ? "" : String.valueOf(now.version()),
                            form.nameGenitive());
            return form(
                    request,
                    me,
                    outcome.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
                    now,
                    outcome.conflict() ? kept : form,
                    outcome.errors(),
                    null);
        }
        return HttpResponse.seeOther(URI.create("/verwaltung/organisationen/" + id + "?ok=1"));
    }

    private HttpResponse<String> form(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            @Nullable Organiser organiser,
            OrganiserForm form,
            FormErrors errors,
            @Nullable String notice) {
        Map<String, Object> model =
                Pages.model(
                        "organiser",
                        organiser,
                        "form",
                        form,
                        "notice",
                        notice,
                        "kinds",
                        List.of(OrganiserKind.values()));
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "console/organiser-form", model);
    }
}
