package de.mitzeichnen.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friendly error pages in the reader's language: 404 for unknown addresses and hidden things, 503
 * (with Retry-After) while the database cannot be reached, 500 for anything unexpected (logged with
 * its stack trace, never shown to the visitor). API paths get JSON.
 */
@Controller
class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    static final String RETRY_AFTER_SECONDS = "10";

    private final PageRenderer pages;

    ErrorPages(PageRenderer pages) {
        this.pages = pages;
    }

    MutableHttpResponse<?> render(HttpRequest<?> request, HttpStatus status) {
        if (request.getPath().startsWith("/api/") || request.getPath().equals("/api")) {
            return retryLater(
                    status,
                    HttpResponse.status(status)
                            .contentType(MediaType.APPLICATION_JSON_TYPE)
                            .body(Map.of("status", status.getCode(), "error", status.getReason())));
        }
        String view =
                switch (status) {
                    case NOT_FOUND, GONE -> "error/404";
                    case FORBIDDEN -> "error/403";
                    case REQUEST_ENTITY_TOO_LARGE -> "error/413";
                    case SERVICE_UNAVAILABLE -> "error/503";
                    case INTERNAL_SERVER_ERROR -> "error/500";
                    // any other refusal (bad id, wrong method or media type): the request's fault
                    default -> status.getCode() < 500 ? "error/400" : "error/500";
                };
        return retryLater(
                status,
                pages.render(request, status, view, Pages.model("status", status.getCode())));
    }

    private static MutableHttpResponse<?> retryLater(
            HttpStatus status, MutableHttpResponse<?> response) {
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            // the rest of the body is not read: close the connection after the answer (see
            // LingeringClose), else a client still sending waits for the idle timeout
            return response.header(HttpHeaders.CONNECTION, "close");
        }
        return status == HttpStatus.SERVICE_UNAVAILABLE
                ? response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                : response;
    }

    /**
     * Every answer Micronaut builds itself for a refused request (too large a body, an id that is
     * no number, a wrong method or media type, a route's missing argument) goes through here: a
     * page in the reader's language outside /api, a short JSON object under /api. The framework's
     * default repeats the request's address (with the form token in its query) in {@code _links}
     * and its messages; these answers repeat nothing of the request.
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static class Answers implements ErrorResponseProcessor<Object> {
        private final ErrorPages errorPages;

        Answers(ErrorPages errorPages) {
            this.errorPages = errorPages;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MutableHttpResponse<Object> processResponse(
                ErrorContext context, MutableHttpResponse<?> response) {
            if (response.getStatus() == HttpStatus.NOT_FOUND) {
                Optional<?> own =
                        context.getRequest().getAttribute(PageRenderer.OWN_NOT_FOUND_PAGE);
                if (own.isPresent() && own.get() instanceof MutableHttpResponse<?> page) {
                    return (MutableHttpResponse<Object>) page;
                }
            }
            MutableHttpResponse<?> answer =
                    errorPages.render(context.getRequest(), response.getStatus());
            answer.getHeaders()
                    .forEach(
                            (name, values) -> {
                                response.getHeaders().remove(name);
                                values.forEach(v -> response.header(name, v));
                            });
            MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
            return out.body(answer.body());
        }
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        Optional<?> own = request.getAttribute(PageRenderer.OWN_NOT_FOUND_PAGE);
        if (own.isPresent() && own.get() instanceof HttpResponse<?> page) {
            return page;
        }
        return render(request, HttpStatus.NOT_FOUND);
    }

    @Error(status = HttpStatus.BAD_REQUEST, global = true)
    HttpResponse<?> badRequest(HttpRequest<?> request) {
        return render(request, HttpStatus.BAD_REQUEST);
    }

    @Error(status = HttpStatus.FORBIDDEN, global = true)
    HttpResponse<?> forbidden(HttpRequest<?> request) {
        return render(request, HttpStatus.FORBIDDEN);
    }

    @Singleton
    @Produces
    static class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {
        private final ErrorPages errorPages;

        NotFoundHandler(ErrorPages errorPages) {
            this.errorPages = errorPages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, NotFoundException exception) {
            return errorPages.render(request, HttpStatus.NOT_FOUND);
        }
    }

    /** Everything no other handler claims: a 500 page, the cause only in the log. */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    static class ServerErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {
        private final ErrorPages errorPages;
        private final ConnectionFailures connectionFailures;

        ServerErrorHandler(ErrorPages errorPages, ConnectionFailures connectionFailures) {
            this.errorPages = errorPages;
            this.connectionFailures = connectionFailures;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception exception) {
            if (ConnectionFailures.isConnectionFailure(exception)) {
                connectionFailures.log(request, exception);
                return errorPages.render(request, HttpStatus.SERVICE_UNAVAILABLE);
            }
            if (malformedBody(exception)) {
                // e.g. a form body with a broken %-escape: the client's fault, nothing was read or
                // stored
                return errorPages.render(request, HttpStatus.BAD_REQUEST);
            }
            LOG.error(
                    "Unexpected error on {} {}",
                    request.getMethodName(),
                    RequestLogFilter.maskTokens(request.getPath()),
                    exception);
            return errorPages.render(request, HttpStatus.INTERNAL_SERVER_ERROR);
        }
    }

    private static boolean malformedBody(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
                return true;
            }
        }
        return false;
    }
}
