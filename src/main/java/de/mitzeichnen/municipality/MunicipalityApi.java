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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/municipalities?q=…&limit=…}: the search for forms (autocomplete) and other
 * clients.
 */
@Controller("/api/v1/municipalities")
@Tag(
        name = "Municipalities",
        description = "The register of German municipalities and Landkreise, and places abroad")
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
    @Operation(
            summary = "Municipalities, Landkreise and places abroad by name, postcode or key",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the best matches first",
                        content =
                                @Content(
                                        array =
                                                @ArraySchema(
                                                        schema =
                                                                @Schema(
                                                                        implementation =
                                                                                MunicipalitySearchHit
                                                                                        .class)))),
                @ApiResponse(
                        responseCode = "400",
                        description = "limit is not a whole number from 1 to 50",
                        content = @Content(schema = @Schema(implementation = BadRequest.class)))
            })
    HttpResponse<?> search(
            HttpRequest<?> request,
            @Parameter(
                            description =
                                    "name, postcode or official key (AGS), or the start of one",
                            example = "Frankf")
                    @Nullable
                    @QueryValue
                    String q,
            @Parameter(
                            description = "at most this many results, 1 to 50",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "50"),
                            example = "10")
                    @Nullable
                    @QueryValue
                    String limit) {
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
        return HttpResponse.badRequest(new BadRequest(400, "Bad Request", message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The answer to a bad request, with a message in the caller's language. */
    @Serdeable
    @Schema(name = "BadRequest")
    record BadRequest(
            @Schema(example = "400") int status,
            @Schema(example = "Bad Request") String error,
            @Schema(example = "Der Parameter limit muss eine ganze Zahl von 1 bis 50 sein.")
                    String message) {}

    static final class BadLimitException extends RuntimeException {
        BadLimitException() {
            super("bad limit", null, false, false);
        }
    }
}
