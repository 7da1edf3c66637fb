package de.mitzeichnen.export;

import com.ibm.icu.text.MessageFormat;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Markdown;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the hand-over document says: the appeal as its web page shows it (the sanitised HTML of its
 * Markdown), then the supporting municipalities by Land with their officials and totals. Lands come
 * in the order the public page lists them (most supporting municipalities first, then by name),
 * municipalities abroad last. Names appear only where the appeal publishes names and the signer
 * agreed.
 */
@Singleton
class Handover {

    private final ExportQuery query;
    private final Markdown markdown;
    private final Texts texts;
    private final Clock clock;

    Handover(ExportQuery query, Markdown markdown, Texts texts, Clock clock) {
        this.query = query;
        this.markdown = markdown;
        this.texts = texts;
        this.clock = clock;
    }

    /** One supporting municipality; {@code meta} is its Kreis and population in words. */
    record Place(String name, @Nullable String meta, List<String> officials) {}

    record Land(String name, List<Place> places, String total) {}

    /** The model of the template, and how many signatures it holds. */
    record Content(Map<String, Object> model, long rows) {}

    Content content(Appeal appeal, Organiser organiser, ExportFilter filter, Locale locale) {
        Formats fmt = new Formats(locale, clock, texts);
        Map<String, Collector> byLand = new LinkedHashMap<>();
        long rows =
                query.stream(
                        appeal.id(),
                        filter,
                        locale,
                        row ->
                                byLand.computeIfAbsent(
                                                row.land()
                                                        + "|"
                                                        + (row.landCode() == null ? "" : "x"),
                                                k -> new Collector(row))
                                        .add(row, appeal.publishNames(), fmt, locale));

        List<Collector> ordered = new ArrayList<>(byLand.values());
        ordered.sort(
                Comparator.comparing((Collector c) -> c.abroad)
                        .thenComparing(
                                Comparator.comparingInt((Collector c) -> c.places.size())
                                        .reversed())
                        .thenComparing(c -> c.name));
        List<Land> lands = new ArrayList<>();
        long municipalities = 0;
        long districts = 0;
        long population = 0;
        for (Collector c : ordered) {
            String abroad = texts.get(locale, "export.pdf.abroad");
            String name = !c.abroad ? c.name : c.name.isEmpty() ? abroad : abroad + " – " + c.name;
            lands.add(
                    new Land(
                            name,
                            c.list(),
                            plural(
                                    locale,
                                    "export.handover.landTotal",
                                    Map.of(
                                            "land",
                                            name,
                                            "places",
                                            texts.places(
                                                    locale,
                                                    c.places.size() - c.districts,
                                                    c.districts),
                                            "population",
                                            c.population(),
                                            "signatures",
                                            c.signatures))));
            municipalities += c.places.size() - c.districts;
            districts += c.districts;
            population += c.population();
        }

        Map<String, Object> model = new HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("title", appeal.title());
        model.put("addressee", appeal.addressee());
        model.put("organiser", organiser.name());
        model.put(
                "subject",
                texts.get(
                        locale,
                        "export.handover.subject",
                        organiser.by(locale),
                        appeal.addressee()));
        model.put(
                "kicker",
                texts.get(
                        locale, "export.pdf.by", organiser.by(locale), fmt.date(clock.instant())));
        model.put("bodyHtml", markdown.toSafeHtml(appeal.bodyMarkdown()));
        model.put("supportersHeading", texts.get(locale, "export.pdf.supporters"));
        model.put("noneLabel", texts.get(locale, "export.handover.none"));
        model.put("lands", lands);
        model.put(
                "total",
                plural(
                        locale,
                        "export.handover.total",
                        Map.of(
                                "places",
                                texts.places(locale, municipalities, districts),
                                "population",
                                population,
                                "signatures",
                                rows)));
        model.put("pageContent", pageContent(locale));
        return new Content(model, rows);
    }

    /**
     * A message with CLDR plural forms ({@code {n, plural, one {…} other {…}}}), formatted by
     * ICU4J.
     */
    String plural(Locale locale, String key, Map<String, Object> args) {
        return new MessageFormat(texts.raw(locale, key), locale).format(args);
    }

    /**
     * „Seite {page} von {pages}" as the CSS {@code content} of the page footer: strings and
     * counters.
     */
    private String pageContent(Locale locale) {
        String pattern = texts.raw(locale, "export.handover.page");
        StringBuilder css = new StringBuilder();
        for (String part : pattern.split("(?=\\{)|(?<=})")) {
            if (part.equals("{page}")) {
                css.append(" counter(page) ");
            } else if (part.equals("{pages}")) {
                css.append(" counter(pages) ");
            } else if (!part.isEmpty()) {
                css.append(" \"").append(part.replace("\\", "").replace("\"", "")).append("\" ");
            }
        }
        return css.toString().strip();
    }

    /** Gathers one Land's rows, which arrive ordered by municipality. */
    private final class Collector {
        final String name;
        final boolean abroad;
        final Map<String, PlaceRows> places = new LinkedHashMap<>();
        long districts;
        long signatures;
        // inhabitants count once, as on the public page: a supporting Landkreis covers its
        // municipalities' people (its key is the first five digits of theirs)
        final Set<String> districtKeys = new HashSet<>();
        final Map<String, Long> byKreis = new HashMap<>();

        Collector(ExportRow first) {
            this.name = first.land();
            this.abroad = first.landCode() == null;
        }

        void add(ExportRow row, boolean namesAllowed, Formats fmt, Locale locale) {
            signatures++;
            PlaceRows place =
                    places.computeIfAbsent(
                            row.municipality() + "|" + row.ags(),
                            k -> {
                                long people = row.population() == null ? 0 : row.population();
                                if (row.district()) {
                                    districts++;
                                    districtKeys.add(row.ags());
                                    byKreis.merge("K" + row.ags(), people, Long::sum);
                                } else if (row.ags() != null && row.ags().length() >= 5) {
                                    byKreis.merge(row.ags().substring(0, 5), people, Long::sum);
                                }
                                return new PlaceRows(row.municipality(), meta(row, fmt, locale));
                            });
            String who =
                    namesAllowed && row.publicName() && row.name() != null && !row.name().isBlank()
                            ? row.name() + ", " + row.role()
                            : row.role();
            place.officials.add(row.body() == null ? who : who + " (" + row.body() + ")");
        }

        long population() {
            return byKreis.entrySet().stream()
                    .filter(e -> !districtKeys.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        List<Place> list() {
            return places.values().stream()
                    .map(p -> new Place(p.name, p.meta, p.officials))
                    .toList();
        }
    }

    private String meta(ExportRow row, Formats fmt, Locale locale) {
        List<String> parts = new ArrayList<>();
        // A kreisfreie Stadt is its own Kreis („Kiel, Landeshauptstadt"), and a Landkreis is
        // itself: naming it again says nothing.
        if (row.kreis() != null && !row.district() && !row.kreis().startsWith(row.municipality())) {
            parts.add(row.kreis());
        }
        if (row.population() != null) {
            parts.add(plural(locale, "export.handover.inhabitants", Map.of("n", row.population())));
        }
        return parts.isEmpty() ? null : String.join(" · ", parts);
    }

    private record PlaceRows(String name, @Nullable String meta, List<String> officials) {
        PlaceRows(String name, @Nullable String meta) {
            this(name, meta, new ArrayList<>());
        }
    }
}
