package de.mitzeichnen.security;

import de.mitzeichnen.web.Languages;
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
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The login form and logout. */
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginPages {

    static final String LOGIN = "/verwaltung/anmelden";
    static final String LOGOUT = "/verwaltung/abmelden";
    static final String NEXT = "weiter";
    static final String EXPIRED = "abgelaufen";
    static final String LOGGED_OUT = "abgemeldet";
    static final String PASSWORD_CHANGED = "passwort";
    private static final Pattern SAFE_NEXT = Pattern.compile("/verwaltung(/[A-Za-z0-9._~/-]*)?");

    @Serdeable
    record LoginForm(@Nullable String email, @Nullable String password, @Nullable String weiter) {
    }

    private final Login login;
    private final PageRenderer pages;
    private final Languages languages;
    private final Texts texts;

    LoginPages(Login login, PageRenderer pages, Languages languages, Texts texts) {
        this.login = login;
        this.pages = pages;
        this.languages = languages;
        this.texts = texts;
    }

    @Get(LOGIN)
    HttpResponse<?> form(HttpRequest<?> request, @Nullable ConsoleUser user, @Nullable @QueryValue(NEXT) String next,
                         @Nullable @QueryValue(EXPIRED) String expired,
                         @Nullable @QueryValue(LOGGED_OUT) String loggedOut,
                         @Nullable @QueryValue(PASSWORD_CHANGED) String passwordChanged) {
        if (user != null) {
            return HttpResponse.seeOther(URI.create(safeNext(next)));
        }
        String notice = expired != null ? "security.login.expired"
                : loggedOut != null ? "security.login.loggedOut"
                : passwordChanged != null ? "security.login.passwordChanged" : null;
        return page(request, HttpStatus.OK, new LoginForm("", "", safeNext(next)), null, notice);
    }

    @Post(LOGIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> submit(HttpRequest<?> request, @Body LoginForm form) {
        String email = form.email() == null ? "" : form.email().trim();
        LoginForm kept = new LoginForm(email, "", safeNext(form.weiter()));
        if (email.isEmpty() || form.password() == null || form.password().isEmpty()) {
            return page(request, HttpStatus.UNPROCESSABLE_ENTITY, kept, "security.login.missing", null);
        }
        Login.Result result = login.login(email, form.password(), request);
        return switch (result.outcome()) {
            case SUCCESS -> HttpResponse.seeOther(URI.create(kept.weiter())).cookie(result.cookie().orElseThrow());
            case WRONG -> page(request, HttpStatus.UNAUTHORIZED, kept, "security.login.wrong", null);
            case DISABLED -> page(request, HttpStatus.UNAUTHORIZED, kept, "security.login.disabled", null);
            case THROTTLED_ACCOUNT -> page(request, HttpStatus.TOO_MANY_REQUESTS, kept,
                    "security.login.throttledAccount", null);
            case THROTTLED_ADDRESS -> page(request, HttpStatus.TOO_MANY_REQUESTS, kept,
                    "security.login.throttledAddress", null);
        };
    }

    @Post(LOGOUT)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    HttpResponse<?> logout(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(LOGIN + "?" + LOGGED_OUT + "=1")).cookie(login.logout(request));
    }

    /** Only addresses inside the console, so the login cannot be used to send people elsewhere. */
    static String safeNext(@Nullable String next) {
        if (next == null || !SAFE_NEXT.matcher(next).matches() || next.contains("//") || next.contains("..")
                || next.startsWith(LOGIN)) {
            return "/verwaltung";
        }
        return next;
    }

    private HttpResponse<?> page(HttpRequest<?> request, HttpStatus status, LoginForm form, @Nullable String error,
                                 @Nullable String notice) {
        Locale locale = languages.resolveOrDefault(request);
        return pages.render(request, status, "console/login", Pages.model(
                "form", form,
                "error", error == null ? null : texts.get(locale, error),
                "notice", notice == null ? null : texts.get(locale, notice)));
    }
}
