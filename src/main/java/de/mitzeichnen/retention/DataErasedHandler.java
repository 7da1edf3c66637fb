package de.mitzeichnen.retention;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 410 with a page that says why the export is gone and since when. */
@Singleton
@Produces
class DataErasedHandler implements ExceptionHandler<DataErased, HttpResponse<?>> {

    private final PageRenderer pages;

    DataErasedHandler(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataErased e) {
        return pages.render(
                        request,
                        HttpStatus.GONE,
                        "error/erased",
                        Pages.model("status", 410, "at", e.at()))
                .header("Cache-Control", "no-store");
    }
}
