package de.mitzeichnen.municipality;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register of German municipalities, answered from memory: the ~11,000 rows are loaded once (a
 * tenth of a second) and searched in a sorted table of normalised names (binary search, a few
 * microseconds). The index is rebuilt after every import in this process and, within 30 seconds,
 * after an import by another process.
 */
@Singleton
public class MunicipalityRegister {

    /** The most results a search hands out. */
    public static final int MAX_LIMIT = 50;

    static final int MIN_QUERY_LENGTH = 2;

    private static final Logger LOG = LoggerFactory.getLogger(MunicipalityRegister.class);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern AGS = Pattern.compile("[0-9]{8}");

    /** What the type-ahead puts into the field: "Name (AGS)" or "Landkreis X (Kreisschlüssel)". */
    private static final Pattern KEY_AT_END = Pattern.compile("\\((\\d{5}|\\d{8})\\)\\s*$");

    /** Words people put before a name ("Stadt Flensburg") that the register does not have there. */
    private static final Set<String> LEADING_WORDS =
            Set.of(
                    "stadt",
                    "gemeinde",
                    "markt",
                    "landeshauptstadt",
                    "hansestadt",
                    "kreisstadt",
                    "universitatsstadt",
                    "grosse",
                    "kreisfreie");

    private final RegisterStore store;
    private volatile Index index;

    MunicipalityRegister(RegisterStore store) {
        this.store = store;
    }

    /**
     * How a name matched: 0 the name starts with the query, 1 a word of it does, 2 every query word
     * starts one.
     */
    record Hit(Municipality municipality, int quality) {}

    /**
     * A Landkreis (or equivalent) by its 5-digit key; empty for a kreisfreie Stadt or an unknown
     * key.
     */
    public Optional<District> district(String kreisKey) {
        if (kreisKey == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(index().districts.get(kreisKey.trim()));
    }

    /** A district that matched a search, with the quality of the match as in {@link Hit}. */
    record DistrictHit(District district, int quality) {}

    /**
     * Active districts whose name as people say it ("Landkreis Fulda", "Märkischer Kreis") or
     * official name starts with the query or has a word starting with it; a 5-digit query finds the
     * district of that key.
     */
    List<DistrictHit> districtHits(String query, int limit) {
        if (query == null || limit < 1) {
            return List.of();
        }
        String q = query.strip();
        if (q.length() < MIN_QUERY_LENGTH || q.length() > 200) {
            return List.of();
        }
        Index idx = index();
        if (DIGITS.matcher(q).matches()) {
            District d = idx.districts.get(q);
            return d != null && d.active() ? List.of(new DistrictHit(d, 0)) : List.of();
        }
        String key = SearchKeys.key(q);
        if (key.replace(" ", "").length() < MIN_QUERY_LENGTH) {
            return List.of();
        }
        String[] tokens = key.split(" ");
        List<DistrictHit> out = new ArrayList<>();
        for (DistrictEntry e : idx.districtEntries) {
            int quality =
                    e.key.startsWith(key)
                            ? 0
                            : e.key.contains(" " + key)
                                    ? 1
                                    : allTokensStartWords(tokens, e.words) ? 2 : -1;
            if (quality >= 0) {
                out.add(new DistrictHit(e.district, quality));
            }
        }
        out.sort(Comparator.comparingInt(DistrictHit::quality));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /**
     * Turns text typed into a form or a CSV into what is signed for: "Landkreis Fulda (06631)" or
     * "06631" (a district's key; a 5-digit number that is no district's key is the start of AGS), a
     * district's exact name ("Kreis Unna"), or else a municipality as {@link #resolve(String)}
     * finds it.
     */
    public PlaceResolution resolvePlace(String text) {
        if (text == null || text.isBlank()) {
            return new PlaceResolution(Optional.empty(), Optional.empty(), List.of());
        }
        String t = text.strip();
        Matcher keyAtEnd = KEY_AT_END.matcher(t);
        if (keyAtEnd.find()) {
            t = keyAtEnd.group(1);
        }
        Index idx = index();
        District byKey = idx.districts.get(t);
        if (byKey != null && byKey.active()) {
            return new PlaceResolution(Optional.empty(), Optional.of(byKey), List.of());
        }
        String key = SearchKeys.key(t);
        for (DistrictEntry e : idx.districtEntries) {
            if (e.key.equals(key)) {
                return new PlaceResolution(Optional.empty(), Optional.of(e.district), List.of());
            }
        }
        Resolution r = resolve(t);
        return new PlaceResolution(r.match(), Optional.empty(), r.candidates());
    }

    /**
     * The outcome of {@link #resolvePlace(String)}: a municipality or a district, or municipalities
     * to choose from, or nothing.
     */
    public record PlaceResolution(
            Optional<Municipality> municipality,
            Optional<District> district,
            List<Municipality> candidates) {}

    /** The municipality with this AGS, active or retired. */
    public Optional<Municipality> findByAgs(String ags) {
        if (ags == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(index().byAgs.get(ags.trim()));
    }

    /**
     * Active municipalities matching a name (prefix or word, case-, accent- and umlaut-insensitive)
     * or an AGS (8 digits, or its first digits; postcodes are not searched); the better match
     * first, the larger municipality first among equal matches. An empty or one-character query
     * finds nothing.
     */
    public List<Municipality> search(String query, int limit) {
        return hits(query, limit).stream().map(Hit::municipality).toList();
    }

    /**
     * Turns text typed into a form into a municipality: an active AGS is taken as it is; otherwise
     * the search decides – one result, or exactly one whose name equals the text, is the match;
     * several are candidates (every match, up to 50, those named exactly like the text first: all
     * 20 Neustadts); none leaves both empty.
     */
    public Resolution resolve(String text) {
        if (text == null || text.isBlank()) {
            return Resolution.NONE;
        }
        String t = text.strip();
        if (AGS.matcher(t).matches()) {
            Municipality m = index().byAgs.get(t);
            if (m != null && m.active()) {
                return new Resolution(Optional.of(m), List.of());
            }
        }
        List<Municipality> found = search(t, 1000);
        if (found.isEmpty()) {
            return Resolution.NONE;
        }
        if (found.size() == 1) {
            return new Resolution(Optional.of(found.get(0)), List.of());
        }
        String key = SearchKeys.key(t);
        List<Municipality> equal =
                found.stream()
                        .filter(
                                m ->
                                        SearchKeys.key(m.displayName()).equals(key)
                                                || SearchKeys.key(m.name()).equals(key))
                        .toList();
        if (equal.size() > 1) {
            String strict = SearchKeys.strictKey(t);
            List<Municipality> strictlyEqual =
                    equal.stream()
                            .filter(m -> SearchKeys.strictKey(m.displayName()).equals(strict))
                            .toList();
            if (strictlyEqual.size() == 1) {
                return new Resolution(Optional.of(strictlyEqual.get(0)), List.of());
            }
        }
        if (equal.size() == 1) {
            return new Resolution(Optional.of(equal.get(0)), List.of());
        }
        Set<Municipality> candidates = new LinkedHashSet<>(equal);
        candidates.addAll(found);
        return new Resolution(Optional.empty(), candidates.stream().limit(50).toList());
    }

    /**
     * The outcome of {@link #resolve(String)}: a match, or candidates to choose from, or neither.
     */
    public record Resolution(Optional<Municipality> match, List<Municipality> candidates) {
        static final Resolution NONE = new Resolution(Optional.empty(), List.of());
    }

    /** Number of active municipalities. */
    public int activeCount() {
        return index().active.length;
    }

    /**
     * Number of active municipalities per Land code (for the share of supporting ones on the map).
     */
    public Map<String, Integer> activeCountByLand() {
        return index().activeByLand;
    }

    List<Hit> hits(String query, int limit) {
        if (query == null || limit < 1) {
            return List.of();
        }
        String q = query.strip();
        if (q.length() < MIN_QUERY_LENGTH || q.length() > 200) {
            return List.of();
        }
        Index idx = index();
        if (DIGITS.matcher(q).matches()) {
            return byNumber(idx, q, limit);
        }
        String key = SearchKeys.key(q);
        if (key.replace(" ", "").length() < MIN_QUERY_LENGTH) {
            return List.of();
        }
        List<Hit> hits = byName(idx, key, limit);
        if (hits.isEmpty()) {
            int space = key.indexOf(' ');
            if (space > 0 && LEADING_WORDS.contains(key.substring(0, space))) {
                hits = byName(idx, key.substring(space + 1), limit);
            }
        }
        return hits;
    }

    private static List<Hit> byNumber(Index idx, String digits, int limit) {
        List<Hit> out = new ArrayList<>();
        if (digits.length() == 8) {
            Municipality m = idx.byAgs.get(digits);
            if (m != null && m.active()) {
                out.add(new Hit(m, 0));
            }
            return out;
        }
        // No postcodes: the register knows only the seat's one postcode of each municipality
        // (München 80313, not 80331), and finding some of a town's postcodes but not others
        // would mislead.
        if (digits.length() < 8) {
            for (Entry e : idx.active) {
                if (out.size() >= limit) {
                    break;
                }
                if (e.municipality.ags().startsWith(digits)) {
                    out.add(new Hit(e.municipality, 1));
                }
            }
        }
        return out;
    }

    /**
     * Names by the prefix table: every name is in it once whole (quality 0) and once from each
     * later word on (quality 1), sorted, so the names starting with the query are one range found
     * by binary search. Among the matches the best quality wins, then the larger population (the
     * rank).
     */
    private static List<Hit> byName(Index idx, String key, int limit) {
        String[] tokens = key.split(" ");
        // quality + 1 per population rank; 0 = no match yet
        byte[] best = new byte[idx.active.length];
        List<Integer> matched = new ArrayList<>();
        for (int i = idx.lowerBound(key);
                i < idx.suffixes.length && idx.suffixes[i].startsWith(key);
                i++) {
            int rank = idx.suffixRank[i];
            byte quality = (byte) (idx.suffixQuality[i] + 1);
            if (best[rank] == 0) {
                matched.add(rank);
            }
            if (best[rank] == 0 || quality < best[rank]) {
                best[rank] = quality;
            }
        }
        if (tokens.length > 1) {
            // Every word of the query starts a word of the name, in any order: "frankfurt main".
            String first = tokens[0];
            for (int i = idx.lowerBound(first);
                    i < idx.suffixes.length && idx.suffixes[i].startsWith(first);
                    i++) {
                int rank = idx.suffixRank[i];
                if (best[rank] == 0 && allTokensStartWords(tokens, idx.active[rank].words)) {
                    best[rank] = 3;
                    matched.add(rank);
                }
            }
        }
        matched.sort(
                Comparator.comparingInt((Integer rank) -> best[rank])
                        .thenComparingInt(rank -> rank));
        List<Hit> out = new ArrayList<>(Math.min(limit, matched.size()));
        for (int rank : matched) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new Hit(idx.active[rank].municipality, best[rank] - 1));
        }
        return out;
    }

    private static boolean allTokensStartWords(String[] tokens, String[] words) {
        for (String t : tokens) {
            boolean found = false;
            for (String w : words) {
                if (w.startsWith(t)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Rebuilds the index from the database. */
    public synchronized void reload() {
        long started = System.nanoTime();
        String version = store.version();
        List<Municipality> all = store.loadAll();
        index = new Index(version, all, store.loadDistricts(all));
        LOG.debug(
                "Municipality index: {} active of {} in {} ms",
                index.active.length,
                all.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Picks up imports made by another process (the import command, a second instance). */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refreshIfChanged() {
        Index current = index;
        if (current != null && !current.version.equals(store.version())) {
            reload();
        }
    }

    private Index index() {
        Index idx = index;
        if (idx == null) {
            synchronized (this) {
                if (index == null) {
                    reload();
                }
                idx = index;
            }
        }
        return idx;
    }

    private static final class Entry {
        final Municipality municipality;
        final String key;
        final String[] words;

        Entry(Municipality municipality) {
            this.municipality = municipality;
            this.key = SearchKeys.key(municipality.displayName());
            this.words = key.split(" ");
        }
    }

    private static final class DistrictEntry {
        final District district;
        final String key;
        final String[] words;

        DistrictEntry(District district) {
            this.district = district;
            this.key = SearchKeys.key(district.displayName());
            this.words = key.split(" ");
        }
    }

    private static final class Index {
        final String version;
        final Map<String, Municipality> byAgs;

        /**
         * Active municipalities, the most populous first: scanning in this order yields the
         * ranking.
         */
        final Entry[] active;

        /**
         * Each active name from its start and from each later word on, sorted; with rank and
         * quality.
         */
        final String[] suffixes;

        final int[] suffixRank;
        final byte[] suffixQuality;
        final Map<String, District> districts;

        /** Active districts, the most populous first. */
        final List<DistrictEntry> districtEntries;

        final Map<String, Integer> activeByLand;

        Index(String version, List<Municipality> all, List<District> districtList) {
            this.version = version;
            this.districts = new HashMap<>();
            districtList.forEach(d -> districts.put(d.key(), d));
            this.districtEntries =
                    districtList.stream()
                            .filter(District::active)
                            .sorted(Comparator.comparingInt((District d) -> -d.population()))
                            .map(DistrictEntry::new)
                            .toList();
            this.byAgs = new HashMap<>(all.size() * 2);
            Map<String, Integer> perLand = new HashMap<>();
            all.stream()
                    .filter(Municipality::active)
                    .forEach(m -> perLand.merge(m.landCode(), 1, Integer::sum));
            this.activeByLand = Map.copyOf(perLand);
            List<Entry> entries = new ArrayList<>(all.size());
            for (Municipality m : all) {
                byAgs.put(m.ags(), m);
                if (m.active()) {
                    entries.add(new Entry(m));
                }
            }
            entries.sort(
                    Comparator.comparingInt((Entry e) -> -e.municipality.population())
                            .thenComparing(e -> e.key)
                            .thenComparing(e -> e.municipality.ags()));
            this.active = entries.toArray(new Entry[0]);
            record Suffix(String text, int rank, byte quality) {}
            List<Suffix> list = new ArrayList<>(active.length * 2);
            for (int rank = 0; rank < active.length; rank++) {
                String key = active[rank].key;
                list.add(new Suffix(key, rank, (byte) 0));
                for (int i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
                    if (i + 1 < key.length()) {
                        list.add(new Suffix(key.substring(i + 1), rank, (byte) 1));
                    }
                }
            }
            list.sort(Comparator.comparing(Suffix::text));
            this.suffixes = new String[list.size()];
            this.suffixRank = new int[list.size()];
            this.suffixQuality = new byte[list.size()];
            for (int i = 0; i < list.size(); i++) {
                suffixes[i] = list.get(i).text();
                suffixRank[i] = list.get(i).rank();
                suffixQuality[i] = list.get(i).quality();
            }
        }

        /** The first position whose text is not less than {@code key}. */
        int lowerBound(String key) {
            int lo = 0;
            int hi = suffixes.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (suffixes[mid].compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
