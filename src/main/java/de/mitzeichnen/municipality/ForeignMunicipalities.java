package de.mitzeichnen.municipality;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Municipalities abroad (partner towns, cities of the same alliance), created when first named and
 * found again by country and normalised name: "Zürich", "Zuerich" and "ZURICH" in CH are one. The
 * search answers from a copy in memory (the search API must not wait for the database), refreshed
 * every 30 seconds for rows created elsewhere.
 */
@Singleton
public class ForeignMunicipalities {

    static final int MAX_NAME_LENGTH = 200;

    /** Longer than any real place's name ("Llanfairpwllgwyngyll…" has 58 letters). */
    public static final int MAX_TYPED_NAME = 60;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern URL_LIKE =
            Pattern.compile(
                    "(?i)(https?:|ftp:|www\\.|://|@|\\b[a-z0-9-]+\\.(de|com|net|org|info|eu|io|ru|cn|xyz|top|biz|me|ch|at)\\b)");

    private final ForeignMunicipalityRepository repository;
    private final Clock clock;
    private volatile List<ForeignMunicipalityRow> all;

    ForeignMunicipalities(ForeignMunicipalityRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Null when a name typed for a foreign place could be one; else the message key of why not: no
     * letters ("%_%"), looks like a web or mail address, or longer than {@value #MAX_TYPED_NAME}
     * characters.
     */
    public static String nameProblem(String name) {
        String n = name == null ? "" : name.strip();
        if (n.codePoints().noneMatch(Character::isLetter)) {
            return "municipality.foreign.error.noLetters";
        }
        if (URL_LIKE.matcher(n).find()) {
            return "municipality.foreign.error.url";
        }
        if (n.codePointCount(0, n.length()) > MAX_TYPED_NAME) {
            return "municipality.foreign.error.tooLong";
        }
        return null;
    }

    /**
     * Lets the place appear in the type-ahead: called when a signature for it is confirmed, so that
     * names typed in unconfirmed submissions are never shown to others.
     */
    public void markListed(long id) {
        repository.updateListed(id, true);
        repository.findById(id).ifPresent(this::remember);
    }

    /**
     * The foreign municipality of this country and name, created when it is new (not listed in the
     * search).
     *
     * @param countryIso2 ISO 3166-1 alpha-2, any case; not DE (German municipalities are in the
     *     register)
     * @throws IllegalArgumentException for an unknown country, DE, or an empty or overlong name
     */
    public ForeignMunicipality findOrCreate(String countryIso2, String name) {
        String country = countryIso2 == null ? "" : countryIso2.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new IllegalArgumentException(
                    "Unknown ISO 3166-1 alpha-2 country code: " + countryIso2);
        }
        if (country.equals("DE")) {
            throw new IllegalArgumentException(
                    "German municipalities come from the register, not as foreign ones");
        }
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        String key = SearchKeys.key(clean);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("A foreign municipality needs a name");
        }
        if (clean.length() > MAX_NAME_LENGTH || key.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "The name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        Optional<ForeignMunicipalityRow> existing =
                repository.findByCountryAndNormalizedName(country, key);
        if (existing.isPresent()) {
            remember(existing.get());
            return existing.get().toPublic();
        }
        try {
            ForeignMunicipalityRow saved =
                    repository.save(
                            new ForeignMunicipalityRow(
                                    null,
                                    country,
                                    clean,
                                    key,
                                    clock.instant().truncatedTo(ChronoUnit.MICROS),
                                    false));
            remember(saved);
            return saved.toPublic();
        } catch (DataAccessException raced) {
            // Someone created it a moment ago (unique country + normalised name): take theirs.
            ForeignMunicipalityRow theirs =
                    repository
                            .findByCountryAndNormalizedName(country, key)
                            .orElseThrow(() -> raced);
            remember(theirs);
            return theirs.toPublic();
        }
    }

    public Optional<ForeignMunicipality> findById(long id) {
        return repository.findById(id).map(ForeignMunicipalityRow::toPublic);
    }

    /**
     * The foreign municipality of this country and (normalised) name if it exists, without creating
     * it: for previews that must store nothing.
     */
    public Optional<ForeignMunicipality> find(String countryIso2, String name) {
        String country = countryIso2 == null ? "" : countryIso2.strip().toUpperCase(Locale.ROOT);
        String key = SearchKeys.key(name == null ? "" : name.strip().replaceAll("\\s+", " "));
        if (!COUNTRIES.contains(country) || key.isEmpty() || key.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return repository
                .findByCountryAndNormalizedName(country, key)
                .map(ForeignMunicipalityRow::toPublic);
    }

    /**
     * Several by id, from the copy in memory where it has them (a page naming many places abroad
     * asks the database only for those created elsewhere in the last 30 seconds).
     */
    public Map<Long, ForeignMunicipality> byIds(Collection<Long> ids) {
        Map<Long, ForeignMunicipality> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Set<Long> wanted = new HashSet<>(ids);
        for (ForeignMunicipalityRow r : rows()) {
            if (wanted.remove(r.id())) {
                out.put(r.id(), r.toPublic());
            }
        }
        for (Long id : wanted) {
            repository
                    .findById(id)
                    .ifPresent(
                            r -> {
                                remember(r);
                                out.put(r.id(), r.toPublic());
                            });
        }
        return out;
    }

    /**
     * Listed foreign municipalities whose name or one of its words starts with the query
     * (normalised like the register).
     */
    public List<ForeignMunicipality> search(String query, int limit) {
        if (query == null || limit < 1) {
            return List.of();
        }
        String key = SearchKeys.key(query);
        if (key.replace(" ", "").length() < MunicipalityRegister.MIN_QUERY_LENGTH
                || key.length() > MAX_NAME_LENGTH) {
            return List.of();
        }
        String wordStart = " " + key;
        // Those starting with the query first, then those with a word starting with it.
        return rows().stream()
                .filter(ForeignMunicipalityRow::listed)
                .filter(
                        r ->
                                r.normalizedName().startsWith(key)
                                        || r.normalizedName().contains(wordStart))
                .sorted(
                        Comparator.comparing(
                                        (ForeignMunicipalityRow r) ->
                                                r.normalizedName().startsWith(key) ? 0 : 1)
                                .thenComparing(ForeignMunicipalityRow::normalizedName)
                                .thenComparing(ForeignMunicipalityRow::country))
                .limit(limit)
                .map(ForeignMunicipalityRow::toPublic)
                .toList();
    }

    private List<ForeignMunicipalityRow> rows() {
        List<ForeignMunicipalityRow> rows = all;
        if (rows == null) {
            refresh();
            rows = all;
        }
        return rows;
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refresh() {
        List<ForeignMunicipalityRow> rows = new ArrayList<>();
        repository.findAll().forEach(rows::add);
        all = List.copyOf(rows);
    }

    private synchronized void remember(ForeignMunicipalityRow row) {
        List<ForeignMunicipalityRow> rows = all;
        if (rows != null) {
            List<ForeignMunicipalityRow> copy = new ArrayList<>(rows);
            copy.removeIf(r -> r.id().equals(row.id()));
            copy.add(row);
            all = List.copyOf(copy);
        }
    }
}
