package de.mitzeichnen.security;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.PageModel;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Hands every visitor a form token: a new one (in an HttpOnly cookie) when the visitor has none that this
 * application signed. Each page's model gets it as {@code csrfToken}; {@link CsrfFilter} checks it on posts.
 */
@ServerFilter("/**")
class CsrfTokenFilter implements Ordered {

    private static final String ISSUE = "mitzeichnen.csrf.issue";

    private final Csrf csrf;
    private final MitzeichnenConfig config;

    CsrfTokenFilter(Csrf csrf, MitzeichnenConfig config) {
        this.csrf = csrf;
        this.config = config;
    }

    @RequestFilter
    void token(HttpRequest<?> request) {
        String token = request.getCookies().findCookie(Csrf.COOKIE).map(Cookie::getValue)
                .filter(csrf::genuine).orElse(null);
        if (token == null && wantsToken(request.getPath())) {
            token = csrf.newToken();
            request.setAttribute(ISSUE, token);
        }
        if (token != null) {
            request.setAttribute(PageModel.CSRF_TOKEN_ATTRIBUTE, token);
        }
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ISSUE, String.class).ifPresent(token -> response.cookie(
                Cookie.of(Csrf.COOKIE, token).path("/").httpOnly(true).sameSite(SameSite.Lax)
                        .secure(config.isSecureBaseUrl())));
    }

    private static boolean wantsToken(String path) {
        return !(path.startsWith("/static/") || path.startsWith("/api/") || path.equals("/health")
                || path.startsWith("/health/"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
