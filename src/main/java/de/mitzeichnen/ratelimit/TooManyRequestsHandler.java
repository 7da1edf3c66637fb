package de.mitzeichnen.ratelimit;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 429 with {@code Retry-After} in whole seconds and a friendly page saying how long to wait. */
@Singleton
@Produces
class TooManyRequestsHandler implements ExceptionHandler<TooManyRequests, HttpResponse<?>> {

    private final PageRenderer pages;

    TooManyRequestsHandler(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyRequests e) {
        long seconds =
                Math.max(
                        1, e.retryAfter().toSeconds() + (e.retryAfter().toNanosPart() > 0 ? 1 : 0));
        long minutes = Math.max(1, (seconds + 59) / 60);
        return pages.render(
                        request,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "error/429",
                        Pages.model("status", 429, "minutes", minutes))
                .header("Retry-After", String.valueOf(seconds));
    }
}
