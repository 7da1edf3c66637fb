package de.mitzeichnen.municipality;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The search behind the public API: German municipalities from the register and the foreign ones
 * already known, merged by match quality (a foreign name that starts with the query comes before
 * German word matches).
 */
@Singleton
class MunicipalitySearch {

    static final int DEFAULT_LIMIT = 10;
    private static final Pattern DIGITS = Pattern.compile("\\s*[0-9]+\\s*");

    private final MunicipalityRegister register;
    private final ForeignMunicipalities foreign;

    MunicipalitySearch(MunicipalityRegister register, ForeignMunicipalities foreign) {
        this.register = register;
        this.foreign = foreign;
    }

    List<MunicipalitySearchHit> search(String query, int limit) {
        List<Ranked> german = german(query, limit);
        if (query == null || DIGITS.matcher(query).matches()) {
            return german.stream().map(Ranked::hit).toList();
        }
        List<ForeignMunicipality> abroad = foreign.search(query, limit);
        List<Ranked> other = new ArrayList<>(abroad.size());
        String key = SearchKeys.key(query);
        for (ForeignMunicipality f : abroad) {
            other.add(
                    new Ranked(
                            MunicipalitySearchHit.of(f),
                            SearchKeys.key(f.name()).startsWith(key) ? 0 : 1));
        }
        return merge(german, other, limit).stream().map(Ranked::hit).toList();
    }

    /**
     * Municipalities and districts by match quality; a municipality before a district of equal
     * quality.
     */
    private List<Ranked> german(String query, int limit) {
        List<Ranked> municipalities =
                register.hits(query, limit).stream()
                        .map(
                                h ->
                                        new Ranked(
                                                MunicipalitySearchHit.of(h.municipality()),
                                                h.quality()))
                        .toList();
        List<Ranked> districts =
                register.districtHits(query, limit).stream()
                        .map(h -> new Ranked(MunicipalitySearchHit.of(h.district()), h.quality()))
                        .toList();
        if (query != null && DIGITS.matcher(query).matches() && !districts.isEmpty()) {
            // A district's key is asked for on purpose: it comes first.
            return merge(districts, municipalities, limit);
        }
        return merge(municipalities, districts, limit);
    }

    private record Ranked(MunicipalitySearchHit hit, int quality) {}

    /**
     * Two lists each sorted by quality, merged by it; on equal quality the first list's entry
     * first.
     */
    private static List<Ranked> merge(List<Ranked> first, List<Ranked> second, int limit) {
        List<Ranked> out = new ArrayList<>(limit);
        int a = 0;
        int b = 0;
        while (out.size() < limit && (a < first.size() || b < second.size())) {
            if (b >= second.size()
                    || (a < first.size() && first.get(a).quality() <= second.get(b).quality())) {
                out.add(first.get(a++));
            } else {
                out.add(second.get(b++));
            }
        }
        return out;
    }
}
