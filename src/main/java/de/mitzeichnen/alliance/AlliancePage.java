package de.mitzeichnen.alliance;

import de.mitzeichnen.map.GermanyMap;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.text.Collator;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the public alliance page shows, read once per render: the maintained numbers ({@link
 * AllianceStats}), the memberships (one query) named from the register in memory, the map, the
 * joins over time and the alliance's appeals with their counts.
 */
@Singleton
class AlliancePage {

    /** A Land on the map, shaded by the share of its municipalities that are members. */
    record LandShade(String code, String name, String path, String title, double opacity) {}

    /** A member municipality on the map. */
    record MapPoint(String name, GermanyMap.Point at, double r) {}

    /**
     * The current members of one Land (or abroad), by name; {@code labels} as the list shows them
     * (a place abroad with its country code), one text per member so that the template touches each
     * of up to thousands of members once.
     */
    record Group(String code, String name, List<PlaceInfo> places, List<String> labels) {}

    /** A Land's row of the table „by Land", with the share of its municipalities. */
    record LandRow(AllianceStats.LandCount count, String share) {}

    /** A place abroad with its country's name in the page's language. */
    record Abroad(String name, String country) {}

    /** The page's data. */
    record Model(
            Alliance alliance,
            Organiser organiser,
            AllianceStats.Counts counts,
            List<LandRow> byLand,
            List<Group> groups,
            List<LandShade> mapLands,
            List<GermanyMap.District> mapDistricts,
            List<MapPoint> mapPoints,
            List<Abroad> abroad,
            JoinsChart chart,
            List<AllianceAppeals.Line> appeals,
            GermanyMap map) {}

    private final AllianceStats stats;
    private final Memberships memberships;
    private final AllianceAppeals appeals;
    private final Organisers organisers;
    private final MunicipalityRegister register;
    private final GermanyMap map;
    private final Texts texts;

    AlliancePage(
            AllianceStats stats,
            Memberships memberships,
            AllianceAppeals appeals,
            Organisers organisers,
            MunicipalityRegister register,
            GermanyMap map,
            Texts texts) {
        this.stats = stats;
        this.memberships = memberships;
        this.appeals = appeals;
        this.organisers = organisers;
        this.register = register;
        this.map = map;
        this.texts = texts;
    }

    Model of(Alliance alliance, Locale locale) {
        AllianceStats.Counts counts = stats.counts(alliance.id());
        List<AllianceStats.LandCount> byLand = stats.byLand(alliance.id());
        LocalDate today = counts.asOf();
        List<Member> all = memberships.all(alliance.id());
        List<Member> current = all.stream().filter(m -> m.inForceOn(today)).toList();
        List<MemberRow> rows = memberships.named(current, locale);

        Map<String, Integer> inLand = register.activeCountByLand();
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        List<LandRow> landRows = new ArrayList<>();
        Map<String, AllianceStats.LandCount> landByCode = new HashMap<>();
        for (AllianceStats.LandCount l : byLand) {
            landByCode.put(l.code(), l);
            int total = inLand.getOrDefault(l.code(), 0);
            landRows.add(
                    new LandRow(
                            l,
                            total == 0 ? "" : percent.format((double) l.municipalities() / total)));
        }
        List<LandShade> shades = new ArrayList<>();
        for (GermanyMap.Land l : map.lands()) {
            AllianceStats.LandCount c = landByCode.get(l.ags());
            long members = c == null ? 0 : c.municipalities();
            long districts = c == null ? 0 : c.districts();
            int total = inLand.getOrDefault(l.ags(), 0);
            double share = total == 0 ? 0 : Math.min(1, (double) members / total);
            double opacity =
                    members == 0 ? 0 : Math.round((0.15 + 0.75 * Math.sqrt(share)) * 100) / 100.0;
            shades.add(
                    new LandShade(
                            l.ags(),
                            l.name(),
                            l.path(),
                            texts.format(
                                    locale,
                                    "alliance.map.landShare",
                                    Map.of(
                                            "land",
                                            l.name(),
                                            "a",
                                            members,
                                            "n",
                                            total,
                                            "share",
                                            percent.format(share),
                                            "d",
                                            districts)),
                            opacity));
        }
        Map<String, String> districtNames = new LinkedHashMap<>();
        List<MapPoint> points = new ArrayList<>();
        List<Abroad> abroad = new ArrayList<>();
        for (MemberRow r : rows) {
            PlaceInfo p = r.place();
            if (p.district()) {
                districtNames.put(p.place().key(), p.name());
            } else if (p.abroad()) {
                abroad.add(
                        new Abroad(
                                p.name(),
                                p.country() == null
                                        ? ""
                                        : Places.countryName(p.country(), locale)));
            } else if (p.lat() != null && p.lon() != null) {
                // as on the appeal map: area grows with population, at least 6 units across
                double radius =
                        Math.round(Math.min(13, 6 + Math.sqrt(p.population()) / 270) * 10) / 10.0;
                points.add(new MapPoint(p.name(), map.project(p.lat(), p.lon()), radius));
            }
        }
        points.sort(Comparator.comparingDouble(MapPoint::r).reversed());
        List<GermanyMap.District> districts =
                map.districts(districtNames.keySet()).stream()
                        .map(
                                d ->
                                        new GermanyMap.District(
                                                d.key(), districtNames.get(d.key()), d.path()))
                        .toList();
        Collator collator = Collator.getInstance(locale);
        abroad.sort(Comparator.comparing(Abroad::name, collator));

        boolean yearly = JoinsChart.yearly(all, today);
        JoinsChart chart = JoinsChart.of(JoinsChart.periods(all, today), yearly);
        return new Model(
                alliance,
                organisers.byId(alliance.organiserId()).orElseThrow(),
                counts,
                landRows,
                groups(rows, texts.get(locale, "alliance.page.abroad"), collator),
                shades,
                districts,
                points,
                abroad,
                chart,
                appeals.publicLines(alliance.id()),
                map);
    }

    /** Current members by Land in register order (places abroad last), each Land by name. */
    static List<Group> groups(List<MemberRow> rows, String abroad, Collator collator) {
        Map<String, Group> groups = new java.util.TreeMap<>();
        for (MemberRow r : rows) {
            PlaceInfo p = r.place();
            String code = p.landCode() == null ? "~" : p.landCode();
            groups.computeIfAbsent(
                            code,
                            c ->
                                    new Group(
                                            c,
                                            p.landName() == null ? abroad : p.landName(),
                                            new ArrayList<>(),
                                            List.of()))
                    .places()
                    .add(p);
        }
        List<Group> out = new ArrayList<>();
        for (Group g : groups.values()) {
            // one collation key per name: comparing with the Collator itself cost a tenth of a
            // render at 1,000 members
            record Keyed(java.text.CollationKey key, PlaceInfo place) {}
            List<PlaceInfo> sorted =
                    g.places().stream()
                            .map(p -> new Keyed(collator.getCollationKey(p.name()), p))
                            .sorted(Comparator.comparing(Keyed::key))
                            .map(Keyed::place)
                            .toList();
            out.add(
                    new Group(
                            g.code(),
                            g.name(),
                            sorted,
                            sorted.stream()
                                    .map(
                                            p ->
                                                    p.abroad() && p.country() != null
                                                            ? p.name() + " (" + p.country() + ")"
                                                            : p.name())
                                    .toList()));
        }
        return out;
    }
}
