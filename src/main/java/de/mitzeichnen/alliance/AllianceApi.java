package de.mitzeichnen.alliance;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.RenderCache;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The open API of alliances: the public ones with their numbers, one with its members per Land and
 * its appeals, and its memberships in a range of days. Cached and shared like the appeal API.
 */
@Controller("/api/v1/alliances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alliances", description = "Public alliances of municipalities and their members")
class AllianceApi {

    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=utf-8";

    private final Alliances alliances;
    private final AllianceStats stats;
    private final AllianceAppeals appeals;
    private final MemberDownloads downloads;
    private final Organisers organisers;
    private final RenderCache cache;
    private final ObjectMapper json;
    private final Texts texts;
    private final Languages languages;

    AllianceApi(
            Alliances alliances,
            AllianceStats stats,
            AllianceAppeals appeals,
            MemberDownloads downloads,
            Organisers organisers,
            RenderCache cache,
            ObjectMapper json,
            Texts texts,
            Languages languages) {
        this.alliances = alliances;
        this.stats = stats;
        this.appeals = appeals;
        this.downloads = downloads;
        this.organisers = organisers;
        this.cache = cache;
        this.json = json;
        this.texts = texts;
        this.languages = languages;
    }

    @Get
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary = "Public alliances with their members' numbers today",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                AllianceJson.Alliances.class))),
                @ApiResponse(
                        responseCode = "406",
                        description = "the request accepts no JSON (Accept header)")
            })
    CompletableFuture<MutableHttpResponse<byte[]>> list() {
        return cache.respond(
                "api:alliances",
                () ->
                        ok(
                                new AllianceJson.Alliances(
                                        alliances.publicOnes().stream()
                                                .map(this::alliance)
                                                .toList())));
    }

    @Get("/{slug}")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary = "One public alliance with its members per Land and its appeals",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                AllianceJson.Detail.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "no public alliance at this address",
                        content =
                                @Content(
                                        schema =
                                                @Schema(implementation = AllianceJson.Error.class)))
            })
    CompletableFuture<MutableHttpResponse<byte[]>> one(
            HttpRequest<?> request, @Parameter(example = "sichere-haefen") String slug) {
        String lang = languages.resolveOrDefault(request).getLanguage();
        return cache.respond(
                "api:alliance:" + slug + ":" + lang,
                () -> {
                    Alliance a = alliances.publicBySlug(slug).orElseThrow(UnknownAlliance::new);
                    AllianceJson.Alliance head = alliance(a);
                    return ok(
                            new AllianceJson.Detail(
                                    head,
                                    stats.byLand(a.id()).stream()
                                            .map(
                                                    l ->
                                                            new AllianceJson.State(
                                                                    l.code(),
                                                                    l.name(),
                                                                    l.municipalities(),
                                                                    l.districts(),
                                                                    l.population()))
                                            .toList(),
                                    appeals.publicLines(a.id()).stream()
                                            .map(
                                                    l ->
                                                            new AllianceJson.Appeal(
                                                                    l.slug(),
                                                                    l.title(),
                                                                    l.status(),
                                                                    l.deadline().toString(),
                                                                    new AllianceJson.AppealCounts(
                                                                            l.municipalities(),
                                                                            l.districts(),
                                                                            l.signatures(),
                                                                            l.population())))
                                            .toList()));
                });
    }

    @Get("/{slug}/members")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary =
                    "The memberships in force on at least one day from since to until (default: today)",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                AllianceJson.Members.class))),
                @ApiResponse(
                        responseCode = "400",
                        description =
                                "since or until is no date (YYYY-MM-DD), or until lies before since",
                        content =
                                @Content(
                                        schema =
                                                @Schema(
                                                        implementation =
                                                                AllianceJson.Error.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "no public alliance at this address",
                        content =
                                @Content(
                                        schema =
                                                @Schema(implementation = AllianceJson.Error.class)))
            })
    CompletableFuture<MutableHttpResponse<byte[]>> members(
            HttpRequest<?> request,
            @Parameter(example = "sichere-haefen") String slug,
            @Parameter(
                            description =
                                    "first day (YYYY-MM-DD); without it the range is the day until",
                            example = "2019-01-01")
                    @Nullable
                    @QueryValue
                    String since,
            @Parameter(
                            description = "last day (YYYY-MM-DD); without it today",
                            example = "2019-12-31")
                    @Nullable
                    @QueryValue
                    String until) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "api:alliance-members:"
                        + slug
                        + ":"
                        + locale.getLanguage()
                        + ":"
                        + since
                        + ":"
                        + until,
                () -> {
                    Alliance a = alliances.publicBySlug(slug).orElseThrow(UnknownAlliance::new);
                    MemberDownloads.Range range =
                            downloads.range(since, until).orElseThrow(BadRange::new);
                    return ok(downloads.members(a, range, locale));
                });
    }

    private AllianceJson.Alliance alliance(Alliance a) {
        AllianceStats.Counts c = stats.counts(a.id());
        return new AllianceJson.Alliance(
                a.slug(),
                a.name(),
                organisers.byId(a.organiserId()).map(Organiser::name).orElse(""),
                a.description(),
                new AllianceJson.Contact(a.contactName(), a.contactEmail()),
                new AllianceJson.Counts(
                        c.municipalities(),
                        c.districts(),
                        c.abroad(),
                        c.members(),
                        c.population(),
                        c.asOf().toString()),
                "/buendnisse/" + a.slug());
    }

    private RenderCache.Rendered ok(Object body) {
        return RenderCache.Rendered.of(HttpStatus.OK, JSON, bytes(body));
    }

    /** A JSON 404 with a message (the global status page would answer without one). */
    @Error(exception = UnknownAlliance.class)
    HttpResponse<byte[]> unknown(HttpRequest<?> request) {
        return error(request, HttpStatus.NOT_FOUND, "alliance.api.unknown");
    }

    /** A JSON 400 saying what a good range looks like. */
    @Error(exception = BadRange.class)
    HttpResponse<byte[]> badRange(HttpRequest<?> request) {
        return error(request, HttpStatus.BAD_REQUEST, "alliance.api.badRange");
    }

    private HttpResponse<byte[]> error(HttpRequest<?> request, HttpStatus status, String key) {
        RenderCache.Rendered r =
                RenderCache.Rendered.of(
                        status,
                        JSON,
                        bytes(
                                new AllianceJson.Error(
                                        texts.get(languages.resolveOrDefault(request), key))));
        return HttpResponse.<byte[]>status(status)
                .contentType(r.contentType())
                .header(HttpHeaders.ETAG, r.etag())
                .body(r.body());
    }

    static final class UnknownAlliance extends RuntimeException {
        UnknownAlliance() {
            super(null, null, false, false);
        }
    }

    static final class BadRange extends RuntimeException {
        BadRange() {
            super(null, null, false, false);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
