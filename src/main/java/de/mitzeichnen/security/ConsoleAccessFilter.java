package de.mitzeichnen.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Set;

/**
 * Guards everything under /verwaltung: a request with a valid session carries its {@link ConsoleUser};
 * one without is sent to the login page (remembering where it wanted to go). The login and password-reset
 * pages are open.
 */
@ServerFilter({"/verwaltung", "/verwaltung/**"})
class ConsoleAccessFilter implements Ordered {

    static final String USER = "mitzeichnen.console.user";
    static final String SESSION = "mitzeichnen.console.session";
    private static final String REFRESH = "mitzeichnen.console.refresh";
    static final String FORGOT = "/verwaltung/passwort-vergessen";
    static final String RESET = "/verwaltung/passwort-neu";
    private static final Set<String> OPEN = Set.of(LoginPages.LOGIN, FORGOT);

    private final Sessions sessions;

    ConsoleAccessFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    static boolean isOpen(String path) {
        return OPEN.contains(path) || path.startsWith(RESET + "/");
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        Sessions.Resolved resolved = sessions.resolve(request);
        resolved.user().ifPresent(u -> request.setAttribute(USER, u));
        resolved.session().ifPresent(s -> request.setAttribute(SESSION, s));
        resolved.refreshed().ifPresent(c -> request.setAttribute(REFRESH, c));
        if (resolved.user().isPresent() || isOpen(request.getPath())) {
            return null;
        }
        UriBuilder login = UriBuilder.of(LoginPages.LOGIN);
        if (request.getMethod().name().equals("GET") && !request.getPath().equals("/verwaltung")) {
            login.queryParam(LoginPages.NEXT, request.getPath());
        }
        if (resolved.cookieWasPresent()) {
            login.queryParam(LoginPages.EXPIRED, "1");
        }
        MutableHttpResponse<?> redirect = HttpResponse.seeOther(login.build());
        if (resolved.cookieWasPresent()) {
            redirect.cookie(sessions.cleared());
        }
        return redirect;
    }

    /** Slides the idle timeout forward, unless the request itself set or cleared the session cookie. */
    @ResponseFilter
    void refresh(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(REFRESH, Cookie.class).ifPresent(cookie -> {
            boolean setByRequest = response.getHeaders().getAll("Set-Cookie").stream()
                    .anyMatch(h -> h.startsWith(Sessions.COOKIE + "="));
            if (!setByRequest) {
                response.cookie(cookie);
            }
        });
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
