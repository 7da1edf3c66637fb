package de.mitzeichnen.security;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.NotFoundException;
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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Console accounts, for platform admins only. */
@Secured(ConsoleUser.PLATFORM_ADMIN)
@Controller("/verwaltung/konten")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountPages {

    /** One line of the list. */
    record Row(Account account, String organiserName) {}

    private final AccountRepository accounts;
    private final Organisers organisers;
    private final AccountAdmin admin;
    private final PasswordPolicy policy;
    private final Sessions sessions;
    private final ConsoleView view;
    private final Texts texts;

    /** The form of „Beenden" / „Alle beenden" on the sessions list. */
    @Serdeable
    record EndSessionForm(@Nullable String session) {}

    AccountPages(
            AccountRepository accounts,
            Organisers organisers,
            AccountAdmin admin,
            PasswordPolicy policy,
            Sessions sessions,
            ConsoleView view,
            Texts texts) {
        this.texts = texts;
        this.accounts = accounts;
        this.organisers = organisers;
        this.admin = admin;
        this.policy = policy;
        this.sessions = sessions;
        this.view = view;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, ConsoleUser me) {
        Map<Long, String> names =
                organisers.all().stream().collect(Collectors.toMap(Organiser::id, Organiser::name));
        List<Row> rows =
                accounts.listOrderByEmail().stream()
                        .map(
                                a ->
                                        new Row(
                                                a,
                                                a.organiserId() == null
                                                        ? ""
                                                        : names.getOrDefault(a.organiserId(), "")))
                        .toList();
        return view.render(
                request, me, HttpStatus.OK, "console/accounts", Pages.model("rows", rows));
    }

    @Get("/neu")
    HttpResponse<String> newForm(HttpRequest<?> request, ConsoleUser me) {
        return form(
                request,
                me,
                HttpStatus.OK,
                null,
                AccountForm.blank(),
                new FormErrors(),
                null,
                null);
    }

    @Post("/neu")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, ConsoleUser me, @Body AccountForm form) {
        FormErrors errors = new FormErrors();
        AccountForm.Input input = form.validate(true, errors, policy, admin::organiserName);
        AccountAdmin.Outcome outcome = input == null ? null : admin.create(me, input);
        if (outcome == null || outcome.saved() == null) {
            return form(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    form.withoutPassword(),
                    outcome == null ? errors : outcome.errors(),
                    null,
                    null);
        }
        return HttpResponse.seeOther(
                URI.create("/verwaltung/konten/" + outcome.saved().id() + "?ok=1"));
    }

    @Get("/{id}")
    HttpResponse<String> edit(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue Integer beendet) {
        Account account = accounts.findById(id).orElseThrow(NotFoundException::new);
        String notice =
                ok != null
                        ? view.text(request, "console.saved")
                        : beendet != null
                                ? texts.plural(
                                        view.locale(request),
                                        "console.account.sessions.ended",
                                        beendet)
                                : null;
        return form(
                request,
                me,
                HttpStatus.OK,
                account,
                AccountForm.of(account),
                new FormErrors(),
                notice,
                null);
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, ConsoleUser me, long id, @Body AccountForm form) {
        Account account = accounts.findById(id).orElseThrow(NotFoundException::new);
        FormErrors errors = new FormErrors();
        AccountForm.Input input = form.validate(false, errors, policy, admin::organiserName);
        AccountAdmin.Outcome outcome = input == null ? null : admin.update(me, account, input);
        if (outcome == null || outcome.saved() == null) {
            boolean conflict = outcome != null && outcome.conflict();
            Account now = accounts.findById(id).orElse(account);
            AccountForm kept = form.withoutPassword();
            if (conflict) {
                kept =
                        new AccountForm(
                                kept.email(),
                                kept.displayName(),
                                kept.role(),
                                kept.organiserId(),
                                "",
                                kept.enabled(),
                                now.version() == null ? "" : String.valueOf(now.version()));
            }
            return form(
                    request,
                    me,
                    conflict ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
                    now,
                    kept,
                    outcome == null ? errors : outcome.errors(),
                    null,
                    null);
        }
        return HttpResponse.seeOther(URI.create("/verwaltung/konten/" + id + "?ok=1"));
    }

    /** Ends one session of the account (its handle from the list) or all of them ("all"). */
    @Post("/{id}/sitzungen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> endSessions(
            HttpRequest<?> request, ConsoleUser me, long id, @Body EndSessionForm form) {
        Account account = accounts.findById(id).orElseThrow(NotFoundException::new);
        String handle = form.session() == null ? "" : form.session();
        if (!handle.equals("all") && !handle.matches("[0-9a-f]{64}")) {
            return form(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    account,
                    AccountForm.of(account),
                    new FormErrors(),
                    null,
                    view.text(request, "console.account.sessions.unknown"));
        }
        int ended = admin.endSessions(me, account, handle.equals("all") ? null : handle);
        return HttpResponse.seeOther(
                URI.create("/verwaltung/konten/" + id + "?beendet=" + ended + "#sitzungen"));
    }

    private HttpResponse<String> form(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            @Nullable Account account,
            AccountForm form,
            FormErrors errors,
            @Nullable String notice,
            @Nullable String error) {
        List<Organiser> choices =
                organisers.all().stream().sorted(Comparator.comparing(Organiser::name)).toList();
        Map<String, Object> model =
                Pages.model(
                        "account",
                        account,
                        "form",
                        form,
                        "notice",
                        notice,
                        "organisers",
                        choices,
                        "roles",
                        List.of(AccountRole.values()),
                        "sessions",
                        account == null ? List.of() : sessions.openOf(account.id()),
                        "currentSession",
                        request.getUserPrincipal(Authentication.class)
                                .flatMap(Sessions::handle)
                                .orElse(""));
        view.withErrors(request, model, errors);
        if (error != null) {
            model.put("error", error);
        }
        return view.render(request, me, status, "console/account-form", model);
    }
}
