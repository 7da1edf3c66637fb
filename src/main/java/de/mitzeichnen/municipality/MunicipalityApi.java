package de.mitzeichnen.municipality;

import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;

/**
 * {@code GET /api/v1/municipalities?q=…&limit=…}: the search for forms (autocomplete) and other
 * clients.
 */
@Controller("/api/v1/municipalities")
class MunicipalityApi {

    private final MunicipalitySearch search;
    private final Languages languages;
    private final Texts texts;

    MunicipalityApi(MunicipalitySearch search, Languages languages, Texts texts) {
        this.search = search;
        this.languages = languages;
        this.texts = texts;
    }

    // limit is taken as text so that "abc" gets this endpoint's own message rather than a generic
    // 400.
    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> search(
            HttpRequest<?> request,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String limit) {
        int max = MunicipalitySearch.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.strip());
            } catch (NumberFormatException notANumber) {
                max = -1;
            }
            if (max < 1 || max > MunicipalityRegister.MAX_LIMIT) {
                throw new BadLimitException();
            }
        }
        return HttpResponse.ok(search.search(q, max)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /*
     * Answered by this controller's own error route: a 400 returned directly from the action would be replaced by
     * the global 400 handler, which knows no message.
     */
    @Error(exception = BadLimitException.class)
    HttpResponse<?> badLimit(HttpRequest<?> request) {
        String message =
                texts.get(
                        languages.resolveOrDefault(request),
                        "municipality.api.badLimit",
                        MunicipalityRegister.MAX_LIMIT);
        return HttpResponse.badRequest(
                        Map.of("status", 400, "error", "Bad Request", "message", message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static final class BadLimitException extends RuntimeException {
        BadLimitException() {
            super("bad limit", null, false, false);
        }
    }
}
