package de.mitzeichnen.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** Static information pages. */
@Controller
@Produces(MediaType.TEXT_HTML)
class InfoPages {

    private final PageRenderer pages;

    InfoPages(PageRenderer pages) {
        this.pages = pages;
    }

    @Get("/daten")
    HttpResponse<String> data(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.OK, "data", Pages.model());
    }
}
