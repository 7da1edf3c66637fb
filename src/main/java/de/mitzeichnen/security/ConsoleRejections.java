package de.mitzeichnen.security;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How refusals look: without a (valid) session, the login page, remembering where the visitor
 * wanted to go; a signed-in account that may not do this gets the 403 page; a console form without
 * a valid form token (refused by Micronaut's CSRF filter, which reports it the same way) gets the
 * „form has expired" page.
 */
@Singleton
@Produces
@Replaces(DefaultAuthorizationExceptionHandler.class)
class ConsoleRejections
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRejections.class);

    private final PageRenderer pages;

    ConsoleRejections(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            if (request.getAttribute(SecurityFilter.REJECTION).isPresent()) {
                return pages.render(
                        request, HttpStatus.FORBIDDEN, "error/403", Pages.model("status", 403));
            }
            LOG.info(
                    "Rejected {} {}: no valid form token",
                    request.getMethodName(),
                    request.getPath());
            return pages.render(
                    request, HttpStatus.FORBIDDEN, "error/csrf", Pages.model("status", 403));
        }
        boolean hadSession = request.getCookies().findCookie(Sessions.COOKIE).isPresent();
        UriBuilder login = UriBuilder.of(LoginPages.LOGIN);
        if (request.getMethod() == HttpMethod.GET && !request.getPath().equals(Sessions.PATH)) {
            login.queryParam(LoginPages.NEXT, request.getPath());
        }
        if (hadSession) {
            login.queryParam(LoginPages.EXPIRED, "1");
        }
        MutableHttpResponse<?> redirect = HttpResponse.seeOther(login.build());
        if (hadSession) {
            redirect.cookie(Cookie.of(Sessions.COOKIE, "").path(Sessions.PATH).maxAge(0));
        }
        return redirect;
    }
}
