package de.mitzeichnen.security;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces
class AccessDeniedHandler implements ExceptionHandler<AccessDenied, HttpResponse<?>> {

    private final PageRenderer pages;

    AccessDeniedHandler(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AccessDenied exception) {
        return pages.render(request, HttpStatus.FORBIDDEN, "error/403", Pages.model("status", 403));
    }
}
