package de.mitzeichnen.security;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Map;

/** „Mein Konto": every signed-in user sees their open sessions and changes their own password. */
@Controller("/verwaltung/mein-konto")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class MyAccountPages {

    @Serdeable
    record ChangeForm(
            @Nullable String current, @Nullable String password, @Nullable String confirmation) {}

    private final PasswordChange change;
    private final Sessions sessions;
    private final ConsoleView view;

    MyAccountPages(PasswordChange change, Sessions sessions, ConsoleView view) {
        this.change = change;
        this.sessions = sessions;
        this.view = view;
    }

    @Get
    HttpResponse<String> page(HttpRequest<?> request, ConsoleUser me) {
        return render(request, me, HttpStatus.OK, new FormErrors());
    }

    @Post("/passwort")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePassword(HttpRequest<?> request, ConsoleUser me, @Body ChangeForm form) {
        PasswordChange.Problem problem =
                change.change(
                        me,
                        form.current() == null ? "" : form.current(),
                        form.password() == null ? "" : form.password(),
                        form.confirmation() == null ? "" : form.confirmation());
        if (problem != null) {
            return render(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    new FormErrors().field(problem.field(), problem.key()));
        }
        // every session ended, this one too: sign in again with the new password
        return HttpResponse.seeOther(URI.create(PasswordChange.SIGN_IN_AGAIN))
                .cookie(Cookie.of(Sessions.COOKIE, "").path(Sessions.PATH).maxAge(0));
    }

    private HttpResponse<String> render(
            HttpRequest<?> request, ConsoleUser me, HttpStatus status, FormErrors errors) {
        Map<String, Object> model =
                Pages.model(
                        "sessions",
                        sessions.openOf(me.accountId()),
                        "currentSession",
                        request.getUserPrincipal(Authentication.class)
                                .flatMap(Sessions::handle)
                                .orElse(""));
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "console/my-account", model);
    }
}
