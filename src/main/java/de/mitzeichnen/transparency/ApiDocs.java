package de.mitzeichnen.transparency;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.RenderCache;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The open API's description: generated at build time from the code (micronaut-openapi), and a page
 * for people.
 */
@Controller("/api")
@Hidden
class ApiDocs {

    /**
     * Where micronaut-openapi writes the document ({@link OpenApiDefinition}'s title and version).
     */
    static final String DOCUMENT = "META-INF/swagger/mitzeichnen-1.yml";

    private final PageRenderer pages;
    private final RenderCache cache;
    private final Languages languages;
    private final MitzeichnenConfig config;
    private final byte[] document;

    ApiDocs(PageRenderer pages, RenderCache cache, Languages languages, MitzeichnenConfig config) {
        this.pages = pages;
        this.cache = cache;
        this.languages = languages;
        this.config = config;
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            this.document = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> openApi() {
        if (document == null) {
            throw new NotFoundException();
        }
        return cache.respond(
                "openapi",
                () ->
                        RenderCache.Rendered.of(
                                HttpStatus.OK, "application/yaml;charset=utf-8", document));
    }

    @Get
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> page(HttpRequest<?> request) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "api-page:" + locale.getLanguage(),
                () ->
                        RenderCache.Rendered.of(
                                pages.render(
                                        request,
                                        HttpStatus.OK,
                                        "transparency/api",
                                        Pages.model("baseUrl", config.getBaseUrl()))));
    }
}
