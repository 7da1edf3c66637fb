package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealPageExtensions;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.counting.SupportCounts;
import de.mitzeichnen.map.GermanyMap;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.Texts;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.text.Collator;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Puts the support counts and, while the appeal takes signatures, the sign form on its public page.
 */
@Singleton
class SigningPageParts implements AppealPageExtensions.Contributor {

    private final SupportCounts counts;
    private final Languages languages;
    private final Clock clock;
    private final GermanyMap map;
    private final PublicSignatories signatories;
    private final MunicipalityRegister register;
    private final Texts texts;

    SigningPageParts(
            SupportCounts counts,
            Languages languages,
            Clock clock,
            GermanyMap map,
            PublicSignatories signatories,
            MunicipalityRegister register,
            Texts texts) {
        this.counts = counts;
        this.languages = languages;
        this.clock = clock;
        this.map = map;
        this.signatories = signatories;
        this.register = register;
        this.texts = texts;
    }

    /** At most this many recent supporters on the page, and places abroad beside the map. */
    static final int RECENT_LIMIT = 10;

    static final int ABROAD_LIMIT = 50;

    /**
     * A Land on the map, shaded by the share of its municipalities that support the appeal: {@code
     * opacity} 0 for none, growing with the square root of the share so that a few supporters in a
     * large Land still show.
     */
    public record LandShade(String code, String name, String path, String title, double opacity) {}

    /** A place abroad beside the map, with its country's name in the page's language. */
    public record AbroadPlace(String name, String country) {}

    /**
     * A recent supporter: place, office, the name only where its owner agreed and the appeal
     * publishes names.
     */
    public record RecentSupporter(
            String place, String country, String role, String name, Instant confirmedAt) {}

    /** A supporting municipality on the public map. */
    public record MapPoint(String name, GermanyMap.Point at, double r) {}

    /** A country for the select box. */
    public record Country(String code, String name) {}

    @Override
    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        // the maintained aggregate and two bounded lists: never a count over the signatures on a
        // request
        Locale locale = languages.resolveOrDefault(request);
        model.put("counts", counts.of(appeal.id()));
        List<SupportCounts.LandCount> byLand = counts.byLand(appeal.id());
        model.put("byLand", byLand);
        List<SupportCounts.Supporter> largest =
                counts.supporters(appeal.id(), SupportCounts.MAP_LIMIT);
        model.put(
                "supporters",
                largest.subList(0, Math.min(largest.size(), SupportCounts.LIST_LIMIT)));
        model.put("map", map);
        Map<String, Integer> inLand = register.activeCountByLand();
        Map<String, String> shares = new HashMap<>();
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        Map<String, Long> supportingIn = new HashMap<>();
        Map<String, Long> districtsIn = new HashMap<>();
        for (SupportCounts.LandCount l : byLand) {
            supportingIn.put(l.code(), l.municipalities());
            districtsIn.put(l.code(), l.districts());
            int total = inLand.getOrDefault(l.code(), 0);
            if (total > 0) {
                shares.put(l.code(), percent.format((double) l.municipalities() / total));
            }
        }
        model.put("landShares", shares);
        model.put(
                "mapLands",
                map.lands().stream()
                        .map(
                                l -> {
                                    long supporting = supportingIn.getOrDefault(l.ags(), 0L);
                                    int total = inLand.getOrDefault(l.ags(), 0);
                                    double share =
                                            total == 0
                                                    ? 0
                                                    : Math.min(1, (double) supporting / total);
                                    double opacity =
                                            supporting == 0
                                                    ? 0
                                                    : Math.round(
                                                                    (0.15 + 0.75 * Math.sqrt(share))
                                                                            * 100)
                                                            / 100.0;
                                    return new LandShade(
                                            l.ags(),
                                            l.name(),
                                            l.path(),
                                            // each number picks its own plural form: „0 von 1
                                            // Kommune unterstützen", „1 von 1.104 Kommunen
                                            // unterstützt"
                                            texts.format(
                                                    locale,
                                                    "signing.map.landShare",
                                                    Map.of(
                                                            "land",
                                                            l.name(),
                                                            "a",
                                                            supporting,
                                                            "n",
                                                            total,
                                                            "share",
                                                            percent.format(share),
                                                            "d",
                                                            districtsIn.getOrDefault(l.ags(), 0L))),
                                            opacity);
                                })
                        .toList());
        // the outline from the map, the name from the register („Landkreis Fulda" rather than the
        // map's „Fulda")
        Map<String, String> districtNames = new HashMap<>();
        largest.stream()
                .filter(SupportCounts.Supporter::district)
                .forEach(d -> districtNames.put(d.ags(), d.name()));
        model.put(
                "mapDistricts",
                map.districts(districtNames.keySet()).stream()
                        .map(
                                d ->
                                        new GermanyMap.District(
                                                d.key(), districtNames.get(d.key()), d.path()))
                        .toList());
        model.put(
                "abroad",
                counts.abroad(appeal.id(), ABROAD_LIMIT).stream()
                        .map(
                                a ->
                                        new AbroadPlace(
                                                a.name(),
                                                new Locale("", a.country())
                                                        .getDisplayCountry(locale)))
                        .toList());
        model.put(
                "recent",
                signatories
                        .recent(
                                appeal.id(),
                                appeal.publishNames(),
                                appeal.publicCount(),
                                RECENT_LIMIT)
                        .stream()
                        .map(
                                r ->
                                        new RecentSupporter(
                                                r.place(),
                                                r.country() == null
                                                        ? null
                                                        : new Locale("", r.country())
                                                                .getDisplayCountry(locale),
                                                "OTHER".equals(r.role())
                                                                && r.roleOther() != null
                                                                && !r.roleOther().isBlank()
                                                        ? r.roleOther()
                                                        : texts.get(locale, "role." + r.role()),
                                                r.publicName(),
                                                r.confirmedAt()))
                        .toList());
        model.put(
                "mapPoints",
                largest.stream()
                        .filter(s -> s.lat() != null && s.lon() != null)
                        .map(
                                s ->
                                        new MapPoint(
                                                s.name(),
                                                map.project(s.lat(), s.lon()),
                                                // area grows with population; at least 6 units
                                                // (about 7 px across on a phone, where the
                                                // 600-unit map is some 340 px wide) so that every
                                                // dot can be seen and tapped, 13 for Berlin
                                                Math.round(
                                                                Math.min(
                                                                                13,
                                                                                6
                                                                                        + Math.sqrt(
                                                                                                        s
                                                                                                                .population())
                                                                                                / 270)
                                                                        * 10)
                                                        / 10.0))
                        .toList());
        if (appeal.acceptsSignatures(clock.instant())) {
            model.putIfAbsent("form", SignForm.empty());
            model.putIfAbsent("errors", Map.of());
            model.putIfAbsent("candidates", List.<Municipality>of());
            model.put(
                    "roles",
                    Arrays.stream(SignerRole.values())
                            .filter(appeal.allowedRoles()::contains)
                            .toList());
            model.put("countries", countries(locale));
        }
    }

    /**
     * The sorted list per language, built once: collating 250 names cost a sixth of every page
     * view.
     */
    private static final Map<Locale, List<Country>> COUNTRIES = new ConcurrentHashMap<>();

    static List<Country> countries(Locale locale) {
        return COUNTRIES.computeIfAbsent(locale, SigningPageParts::sortedCountries);
    }

    private static List<Country> sortedCountries(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        Comparator<Country> byName = Comparator.comparing(Country::name, collator);
        List<Country> others =
                Arrays.stream(Locale.getISOCountries())
                        .filter(c -> !c.equals("DE"))
                        .map(c -> new Country(c, new Locale("", c).getDisplayCountry(locale)))
                        .sorted(byName)
                        .toList();
        return Stream.concat(
                        Stream.of(
                                new Country("DE", new Locale("", "DE").getDisplayCountry(locale))),
                        others.stream())
                .toList();
    }
}
