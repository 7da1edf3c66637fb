package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealPageExtensions;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.map.GermanyMap;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.web.Languages;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.text.Collator;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Puts the support counts and, while the appeal takes signatures, the sign form on its public page. */
@Singleton
class SigningPageParts implements AppealPageExtensions.Contributor {

    private final SupportCounts counts;
    private final Languages languages;
    private final Clock clock;
    private final GermanyMap map;

    SigningPageParts(SupportCounts counts, Languages languages, Clock clock, GermanyMap map) {
        this.counts = counts;
        this.languages = languages;
        this.clock = clock;
        this.map = map;
    }

    /** A supporting municipality on the public map. */
    public record MapPoint(String name, GermanyMap.Point at, double r) {
    }

    /** A country for the select box. */
    public record Country(String code, String name) {
    }

    @Override
    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        // the maintained aggregate and two bounded lists: never a count over the signatures on a request
        model.put("counts", counts.of(appeal.id()));
        model.put("byLand", counts.byLand(appeal.id()));
        List<SupportCounts.Supporter> largest = counts.supporters(appeal.id(), SupportCounts.MAP_LIMIT);
        model.put("supporters", largest.subList(0, Math.min(largest.size(), SupportCounts.LIST_LIMIT)));
        model.put("map", map);
        model.put("mapPoints", largest.stream().filter(s -> s.lat() != null && s.lon() != null)
                .map(s -> new MapPoint(s.name(), map.project(s.lat(), s.lon()),
                        // area grows with population; at least 6 units (about 7 px across on a phone, where the
                        // 600-unit map is some 340 px wide) so that every dot can be seen and tapped, 13 for Berlin
                        Math.round(Math.min(13, 6 + Math.sqrt(s.population()) / 270) * 10) / 10.0))
                .toList());
        if (appeal.acceptsSignatures(clock.instant())) {
            model.putIfAbsent("form", SignForm.empty());
            model.putIfAbsent("errors", Map.of());
            model.putIfAbsent("candidates", List.<Municipality>of());
            model.put("roles", Arrays.stream(SignerRole.values()).filter(appeal.allowedRoles()::contains).toList());
            model.put("countries", countries(languages.resolveOrDefault(request)));
        }
    }

    /** The sorted list per language, built once: collating 250 names cost a sixth of every page view. */
    private static final Map<Locale, List<Country>> COUNTRIES = new ConcurrentHashMap<>();

    static List<Country> countries(Locale locale) {
        return COUNTRIES.computeIfAbsent(locale, SigningPageParts::sortedCountries);
    }

    private static List<Country> sortedCountries(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        Comparator<Country> byName = Comparator.comparing(Country::name, collator);
        List<Country> others = Arrays.stream(Locale.getISOCountries()).filter(c -> !c.equals("DE"))
                .map(c -> new Country(c, new Locale("", c).getDisplayCountry(locale))).sorted(byName).toList();
        return java.util.stream.Stream.concat(
                java.util.stream.Stream.of(new Country("DE", new Locale("", "DE").getDisplayCountry(locale))),
                others.stream()).toList();
    }
}
