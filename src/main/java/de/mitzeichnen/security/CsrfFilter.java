package de.mitzeichnen.security;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks every state-changing request a browser form can send (POST, PUT, PATCH, DELETE with a form content type
 * or none) for the visitor's form token (see {@link CsrfTokenFilter}) before the application sees it, and
 * answers a missing or wrong one with a 403 page that asks to reload. JSON requests are not affected (a
 * cross-site form cannot send them).
 */
@ServerFilter(value = "/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
class CsrfFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfFilter.class);
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Set<String> FORM_TYPES = Set.of(MediaType.APPLICATION_FORM_URLENCODED,
            MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN);

    private final Csrf csrf;
    private final FilterBodyParser bodies;
    private final PageRenderer pages;

    CsrfFilter(Csrf csrf, FilterBodyParser bodies, PageRenderer pages) {
        this.csrf = csrf;
        this.bodies = bodies;
        this.pages = pages;
    }

    /*
     * Runs on a worker thread and waits there for a form body: returning a future that completes later
     * (when the body arrives) lost the response when a later filter also switched threads.
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        String cookieToken = request.getCookies().findCookie(Csrf.COOKIE).map(Cookie::getValue)
                .filter(csrf::genuine).orElse(null);
        if (!needsCheck(request)) {
            return proceed();
        }
        if (cookieToken == null) {
            return reject(request, "no form cookie");
        }
        String fromHeader = request.getHeaders().get(Csrf.HEADER);
        if (fromHeader != null) {
            return Csrf.matches(fromHeader, cookieToken) ? proceed() : reject(request, "wrong header token");
        }
        MediaType type = request.getContentType().orElse(null);
        if (type != null && type.matches(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            // Uploads carry the token in the form's action URL: the multipart body is not read here.
            String fromQuery = request.getParameters().get(Csrf.FIELD);
            return Csrf.matches(fromQuery, cookieToken) ? proceed() : reject(request, "wrong query token");
        }
        if (type == null || !type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return reject(request, "no form body");
        }
        String submitted;
        try {
            // Waits on a worker thread until the body has arrived; the event loop keeps reading it.
            submitted = first(bodies.parseBody(request).get(30, TimeUnit.SECONDS).get(Csrf.FIELD));
        } catch (ExecutionException | TimeoutException unreadable) {
            return page(request, "unreadable form");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return page(request, "interrupted");
        }
        return Csrf.matches(submitted, cookieToken) ? proceed() : reject(request, "wrong form token");
    }

    private static boolean needsCheck(HttpRequest<?> request) {
        if (!UNSAFE.contains(request.getMethod())) {
            return false;
        }
        Optional<MediaType> type = request.getContentType();
        return type.isEmpty() || FORM_TYPES.stream().anyMatch(t -> type.get().matches(MediaType.of(t)));
    }

    private static String first(Object value) {
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.valueOf(c.iterator().next());
        }
        return value == null ? null : value.toString();
    }

    @Nullable
    private static MutableHttpResponse<?> proceed() {
        return null;
    }

    private MutableHttpResponse<?> reject(HttpRequest<?> request, String why) {
        return page(request, why);
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, String why) {
        LOG.info("Rejected {} {}: {}", request.getMethodName(), request.getPath().replaceAll("/[A-Za-z0-9_-]{20,}", "/***"), why);
        return pages.render(request, HttpStatus.FORBIDDEN, "error/csrf", Pages.model("status", 403));
    }

    @Override
    public int getOrder() {
        // After the token filter (which gives the refusal page a fresh token), before the console's session check.
        return ServerFilterPhase.SECURITY.before() + 1;
    }
}
