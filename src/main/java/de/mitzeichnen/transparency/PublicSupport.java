package de.mitzeichnen.transparency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.signing.PublicSignatories;
import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every read of support data that the public pages and the open API make goes through here — and only here, so
 * that switching to a maintained aggregate is a change of this one class. Today it derives everything from the
 * counted signatures ({@link PublicSignatories}), loaded at most once a second per appeal.
 */
@Singleton
public class PublicSupport {

    private final PublicSignatories signatories;
    private final Clock clock;
    // a burst of readers of one appeal costs one query per second
    private final Cache<Long, List<PublicSignatories.Signatory>> recent;

    PublicSupport(PublicSignatories signatories, Clock clock, PublicCacheConfig config) {
        this.signatories = signatories;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().expireAfterWrite(config.getRenderTtl()).maximumSize(200).build();
    }

    /** Counted support of one Land. */
    public record StateCount(String code, String name, long municipalities, long signatures) {
    }

    /**
     * The headline numbers. {@code districts} and {@code awaitingVerification} stay 0 until Kreise sign and
     * trust decides what counts publicly; {@code updatedAt} is the last change that counted (null: none yet).
     */
    public record Counts(long municipalities, long districts, long signatures, long population,
                         long awaitingVerification, List<StateCount> byState, Instant updatedAt) {
    }

    public enum Kind { MUNICIPALITY, DISTRICT, FOREIGN }

    /** One office that signed, as the public may see it: the name only with consent where the appeal allows names. */
    public record Signatory(String role, String roleOther, String name, Instant confirmedAt) {
    }

    /** A counted municipality, Kreis or foreign place with its public signatories, in order of confirmation. */
    public record Place(Kind kind, String ags, String country, String name, String landCode, String landName,
                        long population, Instant firstSupport, List<Signatory> signatories) {
        /** A stable key: the AGS, or country and name abroad. */
        public String key() {
            return ags != null ? ags : country + ":" + name;
        }
    }

    /** One day of the timeline (Europe/Berlin): new and cumulative counted places and signatures. */
    public record Day(LocalDate date, long newMunicipalities, long municipalities, long newSignatures,
                      long signatures) {
    }

    public Counts counts(Appeal appeal) {
        List<PublicSignatories.Signatory> all = load(appeal);
        Set<String> places = new HashSet<>();
        Map<String, long[]> perState = new TreeMap<>();
        Map<String, String> stateNames = new TreeMap<>();
        Map<String, Set<String>> placesPerState = new TreeMap<>();
        long population = 0;
        Instant updated = null;
        for (PublicSignatories.Signatory s : all) {
            String key = key(s);
            if (places.add(key)) {
                population += s.population();
            }
            if (s.landCode() != null) {
                stateNames.put(s.landCode(), s.landName());
                perState.computeIfAbsent(s.landCode(), c -> new long[1])[0]++;
                placesPerState.computeIfAbsent(s.landCode(), c -> new HashSet<>()).add(key);
            }
            if (updated == null || s.confirmedAt().isAfter(updated)) {
                updated = s.confirmedAt();
            }
        }
        List<StateCount> byState = perState.entrySet().stream()
                .map(e -> new StateCount(e.getKey(), stateNames.get(e.getKey()),
                        placesPerState.get(e.getKey()).size(), e.getValue()[0]))
                .sorted(Comparator.comparingLong(StateCount::municipalities).reversed()
                        .thenComparing(StateCount::code))
                .toList();
        return new Counts(places.size(), 0, all.size(), population, 0, byState, updated);
    }

    /** Every counted place, grouped by Land in register order (foreign places last), then by name. */
    public List<Place> places(Appeal appeal) {
        Map<String, List<PublicSignatories.Signatory>> byPlace = new LinkedHashMap<>();
        for (PublicSignatories.Signatory s : load(appeal)) {
            byPlace.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        List<Place> out = new ArrayList<>();
        for (List<PublicSignatories.Signatory> rows : byPlace.values()) {
            PublicSignatories.Signatory first = rows.get(0);
            out.add(new Place(first.ags() != null ? Kind.MUNICIPALITY : Kind.FOREIGN, first.ags(), first.country(),
                    first.place(), first.landCode(), first.landName(), first.population(), first.confirmedAt(),
                    rows.stream().map(r -> new Signatory(r.role(), r.roleOther(), r.publicName(), r.confirmedAt()))
                            .toList()));
        }
        out.sort(Comparator.comparing((Place p) -> p.landCode() == null ? "~" : p.landCode())
                .thenComparing(p -> p.country() == null ? "" : p.country())
                .thenComparing(Place::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Counted places and signatures per day from the day the appeal opened until today (or its deadline). */
    public List<Day> timeline(Appeal appeal) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (PublicSignatories.Signatory s : load(appeal)) {
            long[] day = perDay.computeIfAbsent(berlinDate(s.confirmedAt()), d -> new long[2]);
            if (seen.add(key(s))) {
                day[0]++;
            }
            day[1]++;
        }
        LocalDate from = berlinDate(appeal.opensAt());
        Instant end = clock.instant().isBefore(appeal.deadline()) ? clock.instant() : appeal.deadline();
        LocalDate to = berlinDate(end);
        if (!perDay.isEmpty() && ((TreeMap<LocalDate, long[]>) perDay).lastKey().isAfter(to)) {
            to = ((TreeMap<LocalDate, long[]>) perDay).lastKey();
        }
        if (!perDay.isEmpty() && ((TreeMap<LocalDate, long[]>) perDay).firstKey().isBefore(from)) {
            from = ((TreeMap<LocalDate, long[]>) perDay).firstKey();
        }
        List<Day> days = new ArrayList<>();
        long places = 0;
        long signatures = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            long[] n = perDay.getOrDefault(d, new long[2]);
            places += n[0];
            signatures += n[1];
            days.add(new Day(d, n[0], places, n[1], signatures));
        }
        return days;
    }

    private List<PublicSignatories.Signatory> load(Appeal appeal) {
        return recent.get(appeal.id(), id -> signatories.of(id, appeal.publishNames()));
    }

    private static String key(PublicSignatories.Signatory s) {
        return s.ags() != null ? s.ags() : "F" + s.foreignId();
    }

    private static LocalDate berlinDate(Instant instant) {
        return instant.atZone(MitzeichnenConfig.ZONE).toLocalDate();
    }
}
