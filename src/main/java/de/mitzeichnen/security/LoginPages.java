package de.mitzeichnen.security;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.Authenticator;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The login form (our page) and logout. The form's credentials go to Micronaut Security's {@link
 * Authenticator} (and so to {@link ConsoleAuthentication}); a success gets the session cookie from
 * the framework's login handler.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginPages {

    static final String LOGIN = "/verwaltung/anmelden";
    static final String LOGOUT = "/verwaltung/abmelden";
    static final String FORGOT = "/verwaltung/passwort-vergessen";
    static final String RESET = "/verwaltung/passwort-neu";
    static final String NEXT = "weiter";
    static final String EXPIRED = "abgelaufen";
    static final String LOGGED_OUT = "abgemeldet";
    static final String PASSWORD_CHANGED = "passwort";
    private static final Pattern SAFE_NEXT = Pattern.compile("/verwaltung(/[A-Za-z0-9._~/-]*)?");

    @Serdeable
    record LoginForm(@Nullable String email, @Nullable String password, @Nullable String weiter) {}

    private final Login login;
    private final Authenticator<HttpRequest<?>> authenticator;
    private final TokenCookieLoginHandler loginHandler;
    private final CsrfConfiguration csrf;
    private final PageRenderer pages;
    private final Languages languages;
    private final Texts texts;

    LoginPages(
            Login login,
            Authenticator<HttpRequest<?>> authenticator,
            TokenCookieLoginHandler loginHandler,
            CsrfConfiguration csrf,
            PageRenderer pages,
            Languages languages,
            Texts texts) {
        this.login = login;
        this.authenticator = authenticator;
        this.loginHandler = loginHandler;
        this.csrf = csrf;
        this.pages = pages;
        this.languages = languages;
        this.texts = texts;
    }

    @Get(LOGIN)
    HttpResponse<?> form(
            HttpRequest<?> request,
            @Nullable ConsoleUser user,
            @Nullable @QueryValue(NEXT) String next,
            @Nullable @QueryValue(EXPIRED) String expired,
            @Nullable @QueryValue(LOGGED_OUT) String loggedOut,
            @Nullable @QueryValue(PASSWORD_CHANGED) String passwordChanged) {
        if (user != null) {
            return HttpResponse.seeOther(URI.create(safeNext(next)));
        }
        String notice =
                expired != null
                        ? "security.login.expired"
                        : loggedOut != null
                                ? "security.login.loggedOut"
                                : passwordChanged != null ? "security.login.passwordChanged" : null;
        return page(request, HttpStatus.OK, new LoginForm("", "", safeNext(next)), null, notice);
    }

    @Post(LOGIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> submit(HttpRequest<?> request, @Body LoginForm form) {
        String email = form.email() == null ? "" : form.email().trim();
        LoginForm kept = new LoginForm(email, "", safeNext(form.weiter()));
        if (email.isEmpty() || form.password() == null || form.password().isEmpty()) {
            return page(
                    request, HttpStatus.UNPROCESSABLE_ENTITY, kept, "security.login.missing", null);
        }
        AuthenticationResponse result =
                first(
                                authenticator.authenticate(
                                        request,
                                        new UsernamePasswordCredentials(email, form.password())))
                        .join();
        if (result.isAuthenticated() && result.getAuthentication().isPresent()) {
            MutableHttpResponse<?> success = HttpResponse.seeOther(URI.create(kept.weiter()));
            // the framework's session and form-token cookies, as browser-session cookies (no
            // Max-Age)
            for (Cookie c : loginHandler.getCookies(result.getAuthentication().get(), request)) {
                Cookie cookie =
                        Cookie.of(c.getName(), c.getValue())
                                .path(c.getPath())
                                .httpOnly(c.isHttpOnly())
                                .secure(c.isSecure());
                c.getSameSite().ifPresent(cookie::sameSite);
                success.cookie(cookie);
            }
            return success;
        }
        Object reason = result instanceof AuthenticationFailed failed ? failed.getReason() : null;
        if (reason == AuthenticationFailureReason.USER_DISABLED) {
            return page(request, HttpStatus.UNAUTHORIZED, kept, "security.login.disabled", null);
        }
        if (result instanceof ConsoleAuthentication.Throttled throttled) {
            // whole seconds, rounded up: a client that waits that long is let in
            long seconds = Math.max(1, (throttled.getWait().toMillis() + 999) / 1000);
            return page(
                            request,
                            HttpStatus.TOO_MANY_REQUESTS,
                            kept,
                            reason == AuthenticationFailureReason.ACCOUNT_LOCKED
                                    ? "security.login.throttledAccount"
                                    : "security.login.throttledAddress",
                            null)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        return page(request, HttpStatus.UNAUTHORIZED, kept, "security.login.wrong", null);
    }

    @Post(LOGOUT)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    HttpResponse<?> logout(Authentication session, ConsoleUser user) {
        login.logout(session, user);
        return HttpResponse.seeOther(URI.create(LOGIN + "?" + LOGGED_OUT + "=1"))
                .cookie(Cookie.of(Sessions.COOKIE, "").path(Sessions.PATH).maxAge(0))
                .cookie(
                        Cookie.of(csrf.getCookieName(), "")
                                .path(csrf.getCookiePath().orElse("/"))
                                .maxAge(0));
    }

    /** The first answer of a publisher (the authenticator's), as a future. */
    private static <T> CompletableFuture<T> first(Publisher<T> publisher) {
        CompletableFuture<T> result = new CompletableFuture<>();
        publisher.subscribe(
                new Subscriber<T>() {
                    private Subscription subscription;

                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription = s;
                        s.request(1);
                    }

                    @Override
                    public void onNext(T value) {
                        result.complete(value);
                        subscription.cancel();
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        result.completeExceptionally(
                                new IllegalStateException("no authentication response"));
                    }
                });
        return result;
    }

    /** Only addresses inside the console, so the login cannot be used to send people elsewhere. */
    static String safeNext(@Nullable String next) {
        if (next == null
                || !SAFE_NEXT.matcher(next).matches()
                || next.contains("//")
                || next.contains("..")
                || next.startsWith(LOGIN)) {
            return "/verwaltung";
        }
        return next;
    }

    private MutableHttpResponse<?> page(
            HttpRequest<?> request,
            HttpStatus status,
            LoginForm form,
            @Nullable String error,
            @Nullable String notice) {
        Locale locale = languages.resolveOrDefault(request);
        return pages.render(
                request,
                status,
                "console/login",
                Pages.model(
                        "form", form,
                        "error", error == null ? null : texts.get(locale, error),
                        "notice", notice == null ? null : texts.get(locale, notice)));
    }
}
