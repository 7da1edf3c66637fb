package de.mitzeichnen.transparency;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.PublicAppeals;
import de.mitzeichnen.outcome.OutcomeKind;
import de.mitzeichnen.outcome.Outcomes;
import de.mitzeichnen.outcome.PublicOutcome;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.RenderCache;
import de.mitzeichnen.web.Texts;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The open API: public appeals and their counted support, for the press, cities' websites and
 * researchers.
 */
@Controller("/api/v1/appeals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Appeals", description = "Public appeals and their counted support")
class AppealApi {

    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=utf-8";

    private final PublicAppeals appeals;
    private final PublicSupport support;
    private final RenderCache cache;
    private final ObjectMapper json;
    private final Texts texts;
    private final Languages languages;
    private final Clock clock;
    private final Outcomes outcomes;

    AppealApi(
            PublicAppeals appeals,
            PublicSupport support,
            RenderCache cache,
            ObjectMapper json,
            Texts texts,
            Languages languages,
            Clock clock,
            Outcomes outcomes) {
        this.outcomes = outcomes;
        this.clock = clock;
        this.appeals = appeals;
        this.support = support;
        this.cache = cache;
        this.json = json;
        this.texts = texts;
        this.languages = languages;
    }

    @Get
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary = "Public appeals (open and closed) with their counts",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(schema = @Schema(implementation = ApiJson.Appeals.class))),
                @ApiResponse(
                        responseCode = "406",
                        description = "the request accepts no JSON (Accept header)")
            })
    CompletableFuture<MutableHttpResponse<byte[]>> list() {
        return cache.respond(
                "api:list",
                () -> {
                    PublicAppeals.Overview overview = appeals.overview();
                    return ok(
                            new ApiJson.Appeals(
                                    Stream.concat(
                                                    overview.open().stream(),
                                                    overview.closed().stream())
                                            .flatMap(
                                                    s ->
                                                            appeals
                                                                    .publicAppeal(s.slug())
                                                                    .map(
                                                                            a ->
                                                                                    appeal(
                                                                                            a,
                                                                                            s
                                                                                                    .organiserName()))
                                                                    .stream())
                                            .toList()));
                });
    }

    @Get("/{slug}")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary = "One appeal with its counts",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(schema = @Schema(implementation = ApiJson.Appeal.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "no public appeal at this address",
                        content = @Content(schema = @Schema(implementation = ApiJson.Error.class)))
            })
    CompletableFuture<MutableHttpResponse<byte[]>> one(
            HttpRequest<?> request, @Parameter(example = "migration-als-chance") String slug) {
        String lang = languages.resolveOrDefault(request).getLanguage();
        return cache.respond(
                "api:appeal:" + slug + ":" + lang,
                () ->
                        appeals.page(slug)
                                .map(p -> ok(appeal(p.appeal(), p.organiser().name())))
                                .orElseGet(() -> notFound(request)));
    }

    @Get("/{slug}/municipalities")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @Operation(
            summary =
                    "The counted municipalities, Landkreise and foreign places with their public signatories",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(schema = @Schema(implementation = ApiJson.Places.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "no public appeal at this address",
                        content = @Content(schema = @Schema(implementation = ApiJson.Error.class)))
            })
    CompletableFuture<MutableHttpResponse<byte[]>> municipalities(
            HttpRequest<?> request, @Parameter(example = "migration-als-chance") String slug) {
        String lang = languages.resolveOrDefault(request).getLanguage();
        return cache.respond(
                "api:places:" + slug + ":" + lang,
                () ->
                        appeals.publicAppeal(slug)
                                .map(
                                        a -> {
                                            List<ApiJson.Place> places =
                                                    support.places(a).stream()
                                                            .map(
                                                                    p ->
                                                                            place(
                                                                                    p,
                                                                                    texts,
                                                                                    languages
                                                                                            .resolveOrDefault(
                                                                                                    request)))
                                                            .toList();
                                            return ok(
                                                    new ApiJson.Places(
                                                            a.slug(),
                                                            places.size(),
                                                            ApiJson.kinds(places),
                                                            places));
                                        })
                                .orElseGet(() -> notFound(request)));
    }

    private ApiJson.Appeal appeal(Appeal a, String organiser) {
        PublicSupport.Counts c = support.counts(a);
        Map<OutcomeKind, PublicOutcome> shown = outcomes.publicOf(a);
        return new ApiJson.Appeal(
                a.slug(),
                a.title(),
                organiser,
                status(a, clock.instant()),
                a.deadline().toString(),
                new ApiJson.Counts(
                        c.municipalities(),
                        c.districts(),
                        c.places(),
                        new ApiJson.Kinds(c.municipalities(), c.districts()),
                        c.signatures(),
                        c.population(),
                        c.awaitingVerification(),
                        c.byState().stream()
                                .map(
                                        s ->
                                                new ApiJson.State(
                                                        s.code(),
                                                        s.name(),
                                                        // v1 counted both kinds here: kept
                                                        s.places(),
                                                        s.places(),
                                                        new ApiJson.Kinds(
                                                                s.municipalities(), s.districts()),
                                                        s.signatures()))
                                .toList()),
                c.updatedAt() == null ? null : c.updatedAt().toString(),
                outcome(shown.get(OutcomeKind.HANDOVER)),
                outcome(shown.get(OutcomeKind.ANSWER)));
    }

    private static ApiJson.Outcome outcome(PublicOutcome o) {
        return o == null
                ? null
                : new ApiJson.Outcome(o.date().toString(), o.recipient(), o.note(), o.filePath());
    }

    static ApiJson.Place place(PublicSupport.Place p, Texts texts, Locale locale) {
        return new ApiJson.Place(
                p.kind().name().toLowerCase(Locale.ROOT),
                p.ags(),
                p.country(),
                p.name(),
                p.landCode() == null ? null : new ApiJson.Land(p.landCode(), p.landName()),
                p.firstSupport().toString(),
                p.signatories().stream()
                        .map(
                                s ->
                                        new ApiJson.Signatory(
                                                s.role(),
                                                SupporterRows.roleLabel(texts, locale, s),
                                                s.name(),
                                                s.confirmedAt().toString()))
                        .toList());
    }

    /** upcoming, open, closed or archived, as the public sees it now. */
    static String status(Appeal a, Instant now) {
        return a.upcomingAt(now) ? "upcoming" : a.statusAt(now).name().toLowerCase(Locale.ROOT);
    }

    private RenderCache.Rendered ok(Object body) {
        return RenderCache.Rendered.of(HttpStatus.OK, JSON, bytes(body));
    }

    private RenderCache.Rendered notFound(HttpRequest<?> request) {
        throw new UnknownAppeal();
    }

    /** A JSON 404 with a message (the global status page would answer without one). */
    @Error(exception = UnknownAppeal.class)
    HttpResponse<byte[]> unknownAppeal(HttpRequest<?> request) {
        RenderCache.Rendered r =
                RenderCache.Rendered.of(
                        HttpStatus.NOT_FOUND,
                        JSON,
                        bytes(
                                new ApiJson.Error(
                                        texts.get(
                                                languages.resolveOrDefault(request),
                                                "public.api.error.unknownAppeal"))));
        return HttpResponse.<byte[]>status(HttpStatus.NOT_FOUND)
                .contentType(r.contentType())
                .header(HttpHeaders.ETAG, r.etag())
                .body(r.body());
    }

    static final class UnknownAppeal extends RuntimeException {
        UnknownAppeal() {
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
