package de.mitzeichnen.municipality;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The search behind the public API: German municipalities from the register and the foreign ones already known,
 * merged by match quality (a foreign name that starts with the query comes before German word matches).
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
        List<MunicipalityRegister.Hit> german = register.hits(query, limit);
        if (query == null || DIGITS.matcher(query).matches()) {
            return german.stream().map(h -> MunicipalitySearchHit.of(h.municipality())).toList();
        }
        List<ForeignMunicipality> abroad = foreign.search(query, limit);
        if (abroad.isEmpty()) {
            return german.stream().map(h -> MunicipalitySearchHit.of(h.municipality())).toList();
        }
        String key = SearchKeys.key(query);
        List<MunicipalitySearchHit> out = new ArrayList<>(limit);
        int g = 0;
        int f = 0;
        while (out.size() < limit && (g < german.size() || f < abroad.size())) {
            int foreignQuality = f < abroad.size() ? (SearchKeys.key(abroad.get(f).name()).startsWith(key) ? 0 : 1)
                    : Integer.MAX_VALUE;
            if (g < german.size() && german.get(g).quality() <= foreignQuality) {
                out.add(MunicipalitySearchHit.of(german.get(g++).municipality()));
            } else {
                out.add(MunicipalitySearchHit.of(abroad.get(f++)));
            }
        }
        return out;
    }
}
