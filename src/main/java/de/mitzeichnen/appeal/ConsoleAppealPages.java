package de.mitzeichnen.appeal;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Markdown;
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
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The console's appeals: the list, the form to create and edit one, and its life-cycle buttons. */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleAppealPages {

    /** The notices a redirect may ask for (?ok=...). */
    private static final Set<String> NOTICES =
            Set.of("created", "saved", "version", "published", "closed", "archived");

    @Serdeable
    record StatusForm(@Nullable String version, @Nullable String confirm) {
        boolean confirmed() {
            return "yes".equals(confirm);
        }
    }

    /** One line of the list. */
    record Row(Appeal appeal, AppealStatus status, String organiserName) {}

    private final AppealRepository appeals;
    private final ManagedAppeals managed;
    private final Organisers organisers;
    private final AppealVersions versions;
    private final AppealEditor editor;
    private final Markdown markdown;
    private final ConsoleView view;
    private final Clock clock;

    ConsoleAppealPages(
            AppealRepository appeals,
            ManagedAppeals managed,
            Organisers organisers,
            AppealVersions versions,
            AppealEditor editor,
            Markdown markdown,
            ConsoleView view,
            Clock clock) {
        this.appeals = appeals;
        this.managed = managed;
        this.organisers = organisers;
        this.versions = versions;
        this.editor = editor;
        this.markdown = markdown;
        this.view = view;
        this.clock = clock;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, ConsoleUser me) {
        Instant now = clock.instant();
        Map<Long, String> names =
                organisers.all().stream().collect(Collectors.toMap(Organiser::id, Organiser::name));
        List<Appeal> visible =
                me.isPlatformAdmin()
                        ? appeals.findAll().stream()
                                .sorted(Comparator.comparing(Appeal::createdAt).reversed())
                                .toList()
                        : appeals.findByOrganiserIdOrderByCreatedAtDesc(me.organiserId());
        List<Row> rows =
                visible.stream()
                        .map(
                                a ->
                                        new Row(
                                                a,
                                                a.statusAt(now),
                                                names.getOrDefault(a.organiserId(), "")))
                        .toList();
        return view.render(
                request, me, HttpStatus.OK, "console/appeals", Pages.model("rows", rows));
    }

    @Get("/aufrufe/neu")
    HttpResponse<String> newForm(HttpRequest<?> request, ConsoleUser me) {
        String contact =
                me.organiserId() == null
                        ? ""
                        : organisers
                                .current(me.organiserId())
                                .map(Organiser::contactEmail)
                                .orElse("");
        AppealForm form = AppealForm.blank(me.organiserId(), contact, clock.instant());
        return formPage(request, me, HttpStatus.OK, null, form, new FormErrors(), null, null);
    }

    @Post("/aufrufe/neu")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, ConsoleUser me, @Body AppealForm form) {
        FormErrors errors = new FormErrors();
        AppealForm.Input input = form.validate(errors);
        if (form.isPreview()) {
            return formPage(request, me, HttpStatus.OK, null, form, errors, preview(form), null);
        }
        if (input == null) {
            return formPage(
                    request, me, HttpStatus.UNPROCESSABLE_ENTITY, null, form, errors, null, null);
        }
        AppealEditor.Outcome outcome = editor.create(me, input);
        if (!outcome.ok()) {
            return formPage(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    form,
                    outcome.errors(),
                    null,
                    null);
        }
        return redirect(outcome.saved(), "created");
    }

    @Get("/aufrufe/{id}")
    HttpResponse<String> edit(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Appeal appeal = managed.byId(me, id);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(request, "console.appeal.notice." + ok)
                        : null;
        return formPage(
                request,
                me,
                HttpStatus.OK,
                appeal,
                AppealForm.of(appeal),
                new FormErrors(),
                null,
                notice);
    }

    @Post("/aufrufe/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, ConsoleUser me, long id, @Body AppealForm form) {
        Appeal appeal = managed.byId(me, id);
        FormErrors errors = new FormErrors();
        AppealForm.Input input = form.validate(errors);
        if (form.isPreview()) {
            return formPage(request, me, HttpStatus.OK, appeal, form, errors, preview(form), null);
        }
        if (input == null) {
            return formPage(
                    request, me, HttpStatus.UNPROCESSABLE_ENTITY, appeal, form, errors, null, null);
        }
        boolean newVersion =
                appeal.isPublic()
                        && !(input.title().equals(appeal.title())
                                && input.addressee().equals(appeal.addressee())
                                && input.bodyMarkdown().equals(appeal.bodyMarkdown()));
        AppealEditor.Outcome outcome = editor.update(me, appeal, input);
        if (!outcome.ok()) {
            HttpStatus status =
                    outcome.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
            return formPage(
                    request,
                    me,
                    status,
                    reload(appeal),
                    form.withVersion(outcome.currentVersion()),
                    outcome.errors(),
                    null,
                    null);
        }
        return redirect(outcome.saved(), newVersion ? "version" : "saved");
    }

    // --- dangerous steps ask twice: GET shows what will happen, only a POST with confirm=yes
    // changes anything ---

    @Get("/aufrufe/{id}/veroeffentlichen")
    HttpResponse<String> confirmPublish(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        return confirmPage(
                request, me, appeal, "veroeffentlichen", String.valueOf(appeal.version()));
    }

    @Get("/aufrufe/{id}/schliessen")
    HttpResponse<String> confirmClose(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        return confirmPage(request, me, appeal, "schliessen", String.valueOf(appeal.version()));
    }

    @Get("/aufrufe/{id}/archivieren")
    HttpResponse<String> confirmArchive(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        return confirmPage(request, me, appeal, "archivieren", String.valueOf(appeal.version()));
    }

    @Post("/aufrufe/{id}/veroeffentlichen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> publish(
            HttpRequest<?> request, ConsoleUser me, long id, @Body StatusForm form) {
        return transition(request, me, id, form, editor::publish, "veroeffentlichen", "published");
    }

    @Post("/aufrufe/{id}/schliessen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> close(HttpRequest<?> request, ConsoleUser me, long id, @Body StatusForm form) {
        return transition(request, me, id, form, editor::close, "schliessen", "closed");
    }

    @Post("/aufrufe/{id}/archivieren")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> archive(
            HttpRequest<?> request, ConsoleUser me, long id, @Body StatusForm form) {
        return transition(request, me, id, form, editor::archive, "archivieren", "archived");
    }

    /**
     * One step of the appeal's life cycle (publish, close, archive): without the confirmation
     * step's {@code confirm=yes} it only shows what will happen; then it is checked against the
     * form's version.
     */
    @FunctionalInterface
    private interface Transition {
        AppealEditor.Outcome apply(ConsoleUser me, Appeal appeal, Long formVersion);
    }

    private HttpResponse<?> transition(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            StatusForm form,
            Transition change,
            String step,
            String notice) {
        Appeal appeal = managed.byId(me, id);
        if (!form.confirmed()) {
            return confirmPage(request, me, appeal, step, form.version());
        }
        return afterTransition(
                request,
                me,
                appeal,
                change.apply(me, appeal, FormFields.parseLong(form.version())),
                notice);
    }

    /**
     * What the step will do, with the one button that does it; a step the appeal's state rules out
     * says why. The version the organiser saw travels on, so a change made meanwhile is still
     * detected as a conflict.
     */
    private HttpResponse<String> confirmPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            String step,
            @Nullable String version) {
        AppealStatus now = appeal.statusAt(clock.instant());
        String refusal =
                switch (step) {
                    case "veroeffentlichen" ->
                            appeal.status() == AppealStatus.DRAFT
                                    ? null
                                    : "console.appeal.error.notDraft";
                    case "schliessen" ->
                            now == AppealStatus.OPEN ? null : "console.appeal.error.notOpen";
                    default -> now == AppealStatus.CLOSED ? null : "console.appeal.error.notClosed";
                };
        if (refusal != null) {
            return formPage(
                    request,
                    me,
                    HttpStatus.CONFLICT,
                    appeal,
                    AppealForm.of(appeal),
                    new FormErrors().general(refusal),
                    null,
                    null);
        }
        return view.render(
                request,
                me,
                HttpStatus.OK,
                "console/appeal-confirm",
                Pages.model(
                        "appeal",
                        appeal,
                        "step",
                        step,
                        "status",
                        now,
                        "version",
                        version == null ? "" : version));
    }

    // --- end of the confirmation steps ---

    private HttpResponse<?> afterTransition(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            AppealEditor.Outcome outcome,
            String notice) {
        if (outcome.ok()) {
            return redirect(outcome.saved(), notice);
        }
        Appeal now = reload(appeal);
        return formPage(
                request,
                me,
                HttpStatus.CONFLICT,
                now,
                AppealForm.of(now),
                outcome.errors(),
                null,
                null);
    }

    /** The appeal, if it exists and is this account's to see (404 / 403 page otherwise). */
    private Appeal reload(Appeal appeal) {
        return appeals.findById(appeal.id()).orElse(appeal);
    }

    private static HttpResponse<?> redirect(Appeal appeal, String notice) {
        return HttpResponse.seeOther(
                URI.create("/verwaltung/aufrufe/" + appeal.id() + "?ok=" + notice));
    }

    private String preview(AppealForm form) {
        return markdown.toSafeHtml(form.bodyMarkdown());
    }

    private HttpResponse<String> formPage(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            @Nullable Appeal appeal,
            AppealForm form,
            FormErrors errors,
            @Nullable String previewHtml,
            @Nullable String notice) {
        Instant now = clock.instant();
        Map<String, Object> model =
                Pages.model(
                        "appeal", appeal,
                        "form", form,
                        "preview", previewHtml,
                        "notice", notice,
                        "roles", List.of(SignerRole.values()),
                        "published", appeal != null && appeal.isPublic());
        if (appeal == null) {
            List<Organiser> choices =
                    me.isPlatformAdmin()
                            ? organisers.all().stream()
                                    .sorted(Comparator.comparing(Organiser::name))
                                    .toList()
                            : List.of();
            model.put("organisers", choices);
        } else {
            AppealStatus status0 = appeal.statusAt(now);
            model.put("status", status0);
            model.put("organiser", organisers.current(appeal.organiserId()).orElse(null));
            model.put("history", versions.history(appeal.id()));
            model.put("canPublish", appeal.status() == AppealStatus.DRAFT);
            model.put("canClose", status0 == AppealStatus.OPEN);
            model.put("canArchive", status0 == AppealStatus.CLOSED);
            model.put("readOnly", appeal.status() == AppealStatus.ARCHIVED);
        }
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "console/appeal-form", model);
    }
}
