package de.mitzeichnen.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Friendly error pages in the reader's language: 404 for unknown addresses and hidden things, 500 for
 * anything unexpected (logged with its stack trace, never shown to the visitor). API paths get JSON.
 */
@Controller
class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final PageRenderer pages;

    ErrorPages(PageRenderer pages) {
        this.pages = pages;
    }

    HttpResponse<?> render(HttpRequest<?> request, HttpStatus status) {
        if (request.getPath().startsWith("/api/")) {
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of("status", status.getCode(), "error", status.getReason()));
        }
        String view = switch (status) {
            case NOT_FOUND, GONE -> "error/404";
            case FORBIDDEN -> "error/403";
            case BAD_REQUEST -> "error/400";
            default -> "error/500";
        };
        return pages.render(request, status, view, Pages.model("status", status.getCode()));
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
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

        ServerErrorHandler(ErrorPages errorPages) {
            this.errorPages = errorPages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception exception) {
            LOG.error("Unexpected error on {} {}", request.getMethodName(),
                    RequestLogFilter.maskTokens(request.getPath()), exception);
            return errorPages.render(request, HttpStatus.INTERNAL_SERVER_ERROR);
        }
    }
}
