package de.mitzeichnen.appeal;

import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.RenderCache;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The public pages: the list of appeals and each appeal. */
@Controller
@Produces(MediaType.TEXT_HTML)
class AppealPages {

    private final PublicAppeals appeals;
    private final AppealPageExtensions extensions;
    private final PageRenderer pages;
    private final RenderCache cache;
    private final Languages languages;

    AppealPages(
            PublicAppeals appeals,
            AppealPageExtensions extensions,
            PageRenderer pages,
            RenderCache cache,
            Languages languages) {
        this.appeals = appeals;
        this.extensions = extensions;
        this.pages = pages;
        this.cache = cache;
        this.languages = languages;
    }

    @Get("/")
    HttpResponse<String> index(HttpRequest<?> request) {
        PublicAppeals.Overview overview = appeals.overview();
        return pages.render(
                request,
                HttpStatus.OK,
                "index",
                Pages.model("open", overview.open(), "closed", overview.closed()));
    }

    /**
     * The appeal page, the same for every visitor (no cookie, public Cache-Control, ETag), rendered
     * at most once per appeal and language within the render cache's TTL: a burst of readers costs
     * one render.
     */
    @PublicGet
    @Get("/aufrufe/{slug}")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> appeal(HttpRequest<?> request, String slug) {
        String language = languages.resolveOrDefault(request).getLanguage();
        return cache.respond(
                "appeal:" + slug + ":" + language,
                () -> {
                    PublicAppeals.Page page =
                            appeals.page(slug).orElseThrow(NotFoundException::new);
                    Map<String, Object> model =
                            Pages.model(
                                    "page",
                                    page,
                                    "appeal",
                                    page.appeal(),
                                    "organiser",
                                    page.organiser());
                    extensions.contribute(request, page.appeal(), model);
                    return RenderCache.Rendered.of(
                            pages.render(request, HttpStatus.OK, "appeal", model));
                });
    }
}
