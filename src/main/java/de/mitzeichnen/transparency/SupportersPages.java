package de.mitzeichnen.transparency;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.PublicAppeals;
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
import io.micronaut.serde.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The public transparency pages of an appeal: its supporters (searchable, paged, as CSV and JSON),
 * the timeline, the embeddable widget and the count badge. All are the same for every visitor, so
 * caches may share them.
 */
@Controller("/aufrufe/{slug}")
@Hidden
class SupportersPages {

    private final PublicAppeals appeals;
    private final PublicSupport support;
    private final PageRenderer pages;
    private final RenderCache cache;
    private final Languages languages;
    private final Texts texts;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<SupporterMarks> marks;

    SupportersPages(
            PublicAppeals appeals,
            PublicSupport support,
            PageRenderer pages,
            RenderCache cache,
            Languages languages,
            Texts texts,
            ObjectMapper json,
            Clock clock,
            List<SupporterMarks> marks) {
        this.marks = marks;
        this.appeals = appeals;
        this.support = support;
        this.pages = pages;
        this.cache = cache;
        this.languages = languages;
        this.texts = texts;
        this.json = json;
        this.clock = clock;
    }

    @Get("/unterstuetzer")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> supporters(
            HttpRequest<?> request,
            String slug,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String seite) {
        Locale locale = languages.resolveOrDefault(request);
        String query = q == null ? "" : q.trim();
        int pageNo = parsePage(seite);
        return cache.respond(
                "supporters:" + slug + ":" + locale.getLanguage() + ":" + pageNo + ":" + query,
                () -> {
                    PublicAppeals.Page page =
                            appeals.page(slug).orElseThrow(NotFoundException::new);
                    Appeal appeal = page.appeal();
                    List<PublicSupport.Place> found =
                            SupporterRows.search(support.places(appeal), query, texts, locale);
                    int pagesTotal =
                            Math.max(
                                    1,
                                    (found.size() + SupporterRows.PAGE_SIZE - 1)
                                            / SupporterRows.PAGE_SIZE);
                    int current = Math.min(pageNo, pagesTotal);
                    List<PublicSupport.Place> shown =
                            found.subList(
                                    (current - 1) * SupporterRows.PAGE_SIZE,
                                    Math.min(found.size(), current * SupporterRows.PAGE_SIZE));
                    List<PublicSupport.Day> days = support.timeline(appeal);
                    Map<String, Object> model =
                            Pages.model(
                                    "appeal",
                                    appeal,
                                    "organiser",
                                    page.organiser(),
                                    "counts",
                                    support.counts(appeal),
                                    "groups",
                                    SupporterRows.group(
                                            shown, texts.get(locale, "public.supporters.abroad")),
                                    "q",
                                    query,
                                    "found",
                                    found.size(),
                                    "foundMunicipalities",
                                    found.stream()
                                            .filter(p -> p.kind() != PublicSupport.Kind.DISTRICT)
                                            .count(),
                                    "foundDistricts",
                                    found.stream()
                                            .filter(p -> p.kind() == PublicSupport.Kind.DISTRICT)
                                            .count(),
                                    "pageNo",
                                    current,
                                    "pages",
                                    pagesTotal,
                                    "langQuery",
                                    langQuery(locale),
                                    "langParam",
                                    langParam(locale),
                                    "rows",
                                    new Labels(texts, locale),
                                    "days",
                                    days,
                                    "chart",
                                    TimelineChart.of(days));
                    marks.stream()
                            .flatMap(m -> m.marked(appeal, locale).stream())
                            .findFirst()
                            .ifPresent(m -> model.put("marked", m));
                    return RenderCache.Rendered.of(
                            pages.render(request, HttpStatus.OK, "transparency/supporters", model));
                });
    }

    @Get("/unterstuetzer.csv")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> csv(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                        "supporters.csv:" + slug + ":" + locale.getLanguage(),
                        () -> {
                            Appeal appeal =
                                    appeals.publicAppeal(slug).orElseThrow(NotFoundException::new);
                            StringBuilder out = new StringBuilder("\uFEFF");
                            try (CSVPrinter csv =
                                    new CSVPrinter(
                                            out,
                                            CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
                                csv.printRecord(texts.get(locale, "public.csv.header").split(";"));
                                for (PublicSupport.Place p : support.places(appeal)) {
                                    for (PublicSupport.Signatory s : p.signatories()) {
                                        csv.printRecord(
                                                p.landCode() == null ? "" : p.landCode(),
                                                SupporterRows.cell(p.landName()),
                                                p.ags() == null ? "" : p.ags(),
                                                p.country() == null ? "DE" : p.country(),
                                                SupporterRows.cell(p.name()),
                                                s.role(),
                                                SupporterRows.cell(
                                                        SupporterRows.roleLabel(texts, locale, s)),
                                                SupporterRows.cell(s.name()),
                                                s.confirmedAt().toString());
                                    }
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return RenderCache.Rendered.of(
                                    HttpStatus.OK, "text/csv;charset=utf-8", out.toString());
                        })
                .thenApply(
                        r ->
                                r.header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"" + slug + "-unterstuetzer.csv\""));
    }

    @Get("/unterstuetzer.json")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> json(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                        "supporters.json:" + slug + ":" + locale.getLanguage(),
                        () -> {
                            Appeal appeal =
                                    appeals.publicAppeal(slug).orElseThrow(NotFoundException::new);
                            List<ApiJson.Place> places =
                                    support.places(appeal).stream()
                                            .map(p -> AppealApi.place(p, texts, locale))
                                            .toList();
                            try {
                                return RenderCache.Rendered.of(
                                        HttpStatus.OK,
                                        MediaType.APPLICATION_JSON + ";charset=utf-8",
                                        json.writeValueAsBytes(
                                                new ApiJson.Places(
                                                        appeal.slug(),
                                                        places.size(),
                                                        ApiJson.kinds(places),
                                                        places)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                .thenApply(
                        r ->
                                r.header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\""
                                                + slug
                                                + "-unterstuetzer.json\""));
    }

    @Get("/verlauf")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> timeline(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "timeline:" + slug + ":" + locale.getLanguage(),
                () -> {
                    PublicAppeals.Page page =
                            appeals.page(slug).orElseThrow(NotFoundException::new);
                    List<PublicSupport.Day> days = support.timeline(page.appeal());
                    return RenderCache.Rendered.of(
                            pages.render(
                                    request,
                                    HttpStatus.OK,
                                    "transparency/timeline",
                                    Pages.model(
                                            "appeal",
                                            page.appeal(),
                                            "days",
                                            days,
                                            "chart",
                                            TimelineChart.of(days),
                                            "langQuery",
                                            langQuery(locale))));
                });
    }

    @Get("/widget")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> widget(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "widget:" + slug + ":" + locale.getLanguage(),
                () -> {
                    PublicAppeals.Page page =
                            appeals.page(slug).orElseThrow(NotFoundException::new);
                    return RenderCache.Rendered.of(
                            pages.render(
                                    request,
                                    HttpStatus.OK,
                                    "transparency/widget",
                                    Pages.model(
                                            "appeal",
                                            page.appeal(),
                                            "counts",
                                            support.counts(page.appeal()),
                                            "open",
                                            page.acceptsSignatures(),
                                            "langQuery",
                                            langQuery(locale))));
                });
    }

    @Get("/badge.svg")
    @ExecuteOn(RenderCache.ON_EVENT_LOOP)
    @PublicGet
    CompletableFuture<MutableHttpResponse<byte[]>> badge(HttpRequest<?> request, String slug) {
        Locale locale = languages.resolveOrDefault(request);
        return cache.respond(
                "badge:" + slug + ":" + locale.getLanguage(),
                () -> {
                    Appeal appeal = appeals.publicAppeal(slug).orElseThrow(NotFoundException::new);
                    PublicSupport.Counts c = support.counts(appeal);
                    String label = texts.get(locale, "public.badge.label");
                    String value = texts.places(locale, c.municipalities(), c.districts());
                    return RenderCache.Rendered.of(
                            HttpStatus.OK, "image/svg+xml;charset=utf-8", Badge.svg(label, value));
                });
    }

    static int parsePage(String seite) {
        try {
            return seite == null ? 1 : Math.max(1, Integer.parseInt(seite.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Links between the public pages keep the language, which the URL alone decides there. */
    static String langQuery(Locale locale) {
        return Languages.GERMAN.equals(locale) ? "" : "?lang=" + locale.getLanguage();
    }

    static String langParam(Locale locale) {
        return Languages.GERMAN.equals(locale) ? "" : "&lang=" + locale.getLanguage();
    }

    /** Role labels for the template. */
    public record Labels(Texts texts, Locale locale) {
        public String role(PublicSupport.Signatory s) {
            return SupporterRows.roleLabel(texts, locale, s);
        }
    }
}
