package de.mitzeichnen.appeal;

import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.util.Map;

/** The public pages: the list of appeals and each appeal. */
@Controller
@Produces(MediaType.TEXT_HTML)
class AppealPages {

    private final PublicAppeals appeals;
    private final AppealPageExtensions extensions;
    private final PageRenderer pages;

    AppealPages(PublicAppeals appeals, AppealPageExtensions extensions, PageRenderer pages) {
        this.appeals = appeals;
        this.extensions = extensions;
        this.pages = pages;
    }

    @Get("/")
    HttpResponse<String> index(HttpRequest<?> request) {
        PublicAppeals.Overview overview = appeals.overview();
        return pages.render(request, HttpStatus.OK, "index",
                Pages.model("open", overview.open(), "closed", overview.closed()));
    }

    @Get("/aufrufe/{slug}")
    HttpResponse<String> appeal(HttpRequest<?> request, String slug) {
        PublicAppeals.Page page = appeals.page(slug).orElseThrow(NotFoundException::new);
        Map<String, Object> model = Pages.model("page", page, "appeal", page.appeal(), "organiser", page.organiser());
        extensions.contribute(request, page.appeal(), model);
        return pages.render(request, HttpStatus.OK, "appeal", model);
    }
}
