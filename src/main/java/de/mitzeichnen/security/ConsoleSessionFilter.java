package de.mitzeichnen.security;

import de.mitzeichnen.web.PageModel;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.CookieConfiguration;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Three things for console requests, after Micronaut Security has checked the session: the page
 * model gets the form token of the CSRF cookie (a new cookie when there is none); the session token
 * is re-issued (at most once a minute) so that the idle timeout slides forward; and no answer under
 * /verwaltung may be stored by a browser or proxy ({@code Cache-Control: no-store}: personal data
 * on shared town-hall PCs, reset links in addresses). None of it touches the database or the body.
 */
@ServerFilter({"/verwaltung", "/verwaltung/**"})
class ConsoleSessionFilter implements Ordered {

    private static final String ISSUE_FORM_TOKEN = "mitzeichnen.csrf.issue";

    private final CsrfConfiguration csrf;
    private final CsrfTokenGenerator<HttpRequest<?>> formTokens;
    private final TokenGenerator sessionTokens;
    private final SessionTokens claims;
    private final AccessTokenCookieConfiguration sessionCookie;
    private final Clock clock;

    ConsoleSessionFilter(
            CsrfConfiguration csrf,
            CsrfTokenGenerator<HttpRequest<?>> formTokens,
            TokenGenerator sessionTokens,
            SessionTokens claims,
            AccessTokenCookieConfiguration sessionCookie,
            Clock clock) {
        this.csrf = csrf;
        this.formTokens = formTokens;
        this.sessionTokens = sessionTokens;
        this.claims = claims;
        this.sessionCookie = sessionCookie;
        this.clock = clock;
    }

    @RequestFilter
    void formToken(HttpRequest<?> request) {
        Optional<String> existing =
                request.getCookies().findCookie(csrf.getCookieName()).map(Cookie::getValue);
        if (existing.isPresent()) {
            request.setAttribute(PageModel.CSRF_TOKEN_ATTRIBUTE, existing.get());
        } else if (request.getUserPrincipal(Authentication.class).isPresent()) {
            String token = formTokens.generateCsrfToken(request);
            request.setAttribute(PageModel.CSRF_TOKEN_ATTRIBUTE, token);
            request.setAttribute(ISSUE_FORM_TOKEN, token);
        }
    }

    @ResponseFilter
    void cookies(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean sessionSetHere =
                response.getHeaders().getAll("Set-Cookie").stream()
                        .anyMatch(h -> h.startsWith(sessionCookie.getCookieName() + "="));
        request.getAttribute(ISSUE_FORM_TOKEN, String.class)
                .filter(t -> !sessionSetHere)
                .ifPresent(
                        token ->
                                response.cookie(
                                        configured(Cookie.of(csrf.getCookieName(), token), csrf)));
        if (sessionSetHere) {
            return;
        }
        request.getUserPrincipal(Authentication.class)
                .ifPresent(
                        session -> {
                            Optional<Long> seen =
                                    Sessions.number(session.getAttributes().get(Claims.ISSUED_AT));
                            if (seen.isPresent()
                                    && Duration.between(
                                                            Instant.ofEpochSecond(seen.get()),
                                                            clock.instant())
                                                    .compareTo(Sessions.REFRESH_AFTER)
                                            >= 0) {
                                // the token's own claims only: rights stay in the account row
                                Map<String, Object> own = new HashMap<>(session.getAttributes());
                                Sessions.FROM_ACCOUNT.forEach(own::remove);
                                own.put(Claims.SUBJECT, session.getName());
                                Map<String, Object> renewed = claims.seenNow(own);
                                sessionTokens
                                        .generateToken(renewed)
                                        .ifPresent(
                                                token ->
                                                        response.cookie(
                                                                configured(
                                                                        Cookie.of(
                                                                                sessionCookie
                                                                                        .getCookieName(),
                                                                                token),
                                                                        sessionCookie)));
                            }
                        });
    }

    private static Cookie configured(Cookie cookie, CookieConfiguration config) {
        config.getCookiePath().ifPresent(cookie::path);
        config.getCookieDomain().ifPresent(cookie::domain);
        config.isCookieHttpOnly().ifPresent(cookie::httpOnly);
        config.isCookieSecure().ifPresent(cookie::secure);
        config.getCookieSameSite().ifPresent(cookie::sameSite);
        config.getCookieMaxAge().ifPresent(cookie::maxAge);
        return cookie;
    }

    @Override
    public int getOrder() {
        // after the security filter (which resolves the session), before the CSRF filter
        return ServerFilterPhase.SECURITY.order() + 50;
    }
}
