package de.mitzeichnen.alliance;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.transparency.Badge;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.RenderCache;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The public alliance pages: the list of public alliances, each alliance's page, its member list as
 * CSV and JSON, the embeddable widget and the badge. Each is the same for every visitor (no cookie,
 * public Cache-Control, ETag; the language from {@code ?lang=} only) and rendered at most once per
 * alliance and language within the render cache's TTL. A non-public alliance is not there (404).
 */
@Controller("/buendnisse")
@Hidden
class AlliancePages {

    /** A public alliance in the list, with its numbers. */
    record Listed(Alliance alliance, String organiserName, AllianceStats.Counts counts) {}

    private final Alliances alliances;
    private final AlliancePage page;
    private final AllianceStats stats;
    private final MemberDownloads downloads;
    private final Organisers organisers;
    private final PageRenderer pages;
    private final RenderCache cache;
    private final Languages languages;
    private final Texts texts;

    AlliancePages(
            Alliances alliances,
            AlliancePage page,
            AllianceStats stats,
            MemberDownloads downloads,
            Organisers organisers,
            PageRenderer pages,
            RenderCache cache,
            Languages languages,
            Texts texts) {
        this.alliances = alliances;
        this.page = page;
        this.stats = stats;
        this.downloads = downloads;
        this.organisers = organisers;
        this.pages = pages;
        this.cache = cache;
        this.languages = languages;
        this.texts = texts;
    }

    @Get
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> list(HttpRequest<?> request) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "alliances:" + locale.getLanguage(),
                () -> {
                    List<Listed> listed =
                            alliances.publicOnes().stream()
                                    .map(
                                            a ->
                                                    new Listed(
                                                            a,
                                                            organisers
                                                                    .byId(a.organiserId())
                                                                    .map(Organiser::name)
                                                                    .orElse(""),
                                                            stats.counts(a.id())))
                                    .toList();
                    return RenderCache.Rendered.of(
                            pages.render(
                                    request,
                                    HttpStatus.OK,
                                    "alliance/list",
                                    Pages.model("alliances", listed, "lq", langQuery(locale))));
                });
    }

    @Get("/{slug}")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> alliance(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "alliance:" + slug + ":" + locale.getLanguage(),
                () -> {
                    Alliance alliance =
                            alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
                    AlliancePage.Model m = page.of(alliance, locale);
                    Map<String, Object> model =
                            Pages.model("page", m, "alliance", alliance, "lq", langQuery(locale));
                    return RenderCache.Rendered.of(
                            pages.render(request, HttpStatus.OK, "alliance/page", model));
                });
    }

    @Get("/{slug}/mitglieder.csv")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> csv(
            HttpRequest<?> request,
            String slug,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue String until) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                        "alliance.csv:"
                                + slug
                                + ":"
                                + locale.getLanguage()
                                + ":"
                                + since
                                + ":"
                                + until,
                        () -> {
                            Alliance a =
                                    alliances
                                            .publicBySlug(slug)
                                            .orElseThrow(NotFoundException::new);
                            MemberDownloads.Range range =
                                    downloads.range(since, until).orElseThrow(BadRange::new);
                            return RenderCache.Rendered.of(
                                    HttpStatus.OK,
                                    "text/csv;charset=utf-8",
                                    downloads.csv(a, range, locale));
                        })
                .thenApply(
                        r ->
                                r.header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"" + slug + "-mitglieder.csv\""));
    }

    @Get("/{slug}/mitglieder.json")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> json(
            HttpRequest<?> request,
            String slug,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue String until) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                        "alliance.json:"
                                + slug
                                + ":"
                                + locale.getLanguage()
                                + ":"
                                + since
                                + ":"
                                + until,
                        () -> {
                            Alliance a =
                                    alliances
                                            .publicBySlug(slug)
                                            .orElseThrow(NotFoundException::new);
                            MemberDownloads.Range range =
                                    downloads.range(since, until).orElseThrow(BadRange::new);
                            return RenderCache.Rendered.of(
                                    HttpStatus.OK,
                                    MediaType.APPLICATION_JSON + ";charset=utf-8",
                                    downloads.json(a, range, locale));
                        })
                .thenApply(
                        r ->
                                r.header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"" + slug + "-mitglieder.json\""));
    }

    @Get("/{slug}/widget")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> widget(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "alliance.widget:" + slug + ":" + locale.getLanguage(),
                () -> {
                    Alliance a = alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
                    return RenderCache.Rendered.of(
                            pages.render(
                                    request,
                                    HttpStatus.OK,
                                    "alliance/widget",
                                    Pages.model(
                                            "alliance",
                                            a,
                                            "counts",
                                            stats.counts(a.id()),
                                            "lq",
                                            langQuery(locale))));
                });
    }

    @Get("/{slug}/badge.svg")
    @PublicGet
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    CompletableFuture<MutableHttpResponse<byte[]>> badge(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "alliance.badge:" + slug + ":" + locale.getLanguage(),
                () -> {
                    Alliance a = alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
                    AllianceStats.Counts c = stats.counts(a.id());
                    return RenderCache.Rendered.of(
                            HttpStatus.OK,
                            "image/svg+xml;charset=utf-8",
                            Badge.svg(
                                    texts.get(locale, "alliance.badge.label"),
                                    texts.format(
                                            locale,
                                            "alliance.badge.value",
                                            Map.of("n", c.municipalities(), "d", c.districts()))));
                });
    }

    /** A bad since/until on a download: 400 with a line of text saying what a good one is. */
    @io.micronaut.http.annotation.Error(exception = BadRange.class)
    io.micronaut.http.HttpResponse<String> badRange(HttpRequest<?> request) {
        return io.micronaut.http.HttpResponse.<String>status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.TEXT_PLAIN + ";charset=utf-8")
                .body(texts.get(languages.resolveOrDefault(request), "alliance.api.badRange"));
    }

    /** Links between the public pages keep the language, which the URL alone decides there. */
    static String langQuery(Locale locale) {
        return Languages.GERMAN.equals(locale) ? "" : "?lang=" + locale.getLanguage();
    }

    /** A since/until that is no date, or until before since: 400 with the page of bad requests. */
    static final class BadRange extends RuntimeException {
        BadRange() {
            super(null, null, false, false);
        }
    }
}
