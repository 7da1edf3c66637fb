package de.mitzeichnen.municipality;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Municipalities abroad (partner towns, cities of the same alliance), created when first named and found again by
 * country and normalised name: "Zürich", "Zuerich" and "ZURICH" in CH are one.
 */
@Singleton
public class ForeignMunicipalities {

    static final int MAX_NAME_LENGTH = 200;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final ForeignMunicipalityRepository repository;
    private final Clock clock;

    ForeignMunicipalities(ForeignMunicipalityRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * The foreign municipality of this country and name, created when it is new.
     *
     * @param countryIso2 ISO 3166-1 alpha-2, any case; not DE (German municipalities are in the register)
     * @throws IllegalArgumentException for an unknown country, DE, or an empty or overlong name
     */
    public ForeignMunicipality findOrCreate(String countryIso2, String name) {
        String country = countryIso2 == null ? "" : countryIso2.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("Unknown ISO 3166-1 alpha-2 country code: " + countryIso2);
        }
        if (country.equals("DE")) {
            throw new IllegalArgumentException("German municipalities come from the register, not as foreign ones");
        }
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        String key = SearchKeys.key(clean);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("A foreign municipality needs a name");
        }
        if (clean.length() > MAX_NAME_LENGTH || key.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        Optional<ForeignMunicipalityRow> existing = repository.findByCountryAndNormalizedName(country, key);
        if (existing.isPresent()) {
            return existing.get().toPublic();
        }
        try {
            return repository.save(new ForeignMunicipalityRow(null, country, clean, key,
                    clock.instant().truncatedTo(ChronoUnit.MICROS))).toPublic();
        } catch (DataAccessException raced) {
            // Someone created it a moment ago (unique country + normalised name): take theirs.
            return repository.findByCountryAndNormalizedName(country, key).map(ForeignMunicipalityRow::toPublic)
                    .orElseThrow(() -> raced);
        }
    }

    public Optional<ForeignMunicipality> findById(long id) {
        return repository.findById(id).map(ForeignMunicipalityRow::toPublic);
    }

    /** Foreign municipalities whose name or one of its words starts with the query (normalised like the register). */
    public List<ForeignMunicipality> search(String query, int limit) {
        if (query == null || limit < 1) {
            return List.of();
        }
        String key = SearchKeys.key(query);
        if (key.replace(" ", "").length() < MunicipalityRegister.MIN_QUERY_LENGTH || key.length() > MAX_NAME_LENGTH) {
            return List.of();
        }
        // Those starting with the query first, then those with a word starting with it.
        return repository.search(key, limit).stream().map(ForeignMunicipalityRow::toPublic).toList();
    }
}
