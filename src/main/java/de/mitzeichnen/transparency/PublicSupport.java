package de.mitzeichnen.transparency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.counting.SupportCounts;
import de.mitzeichnen.signing.PublicSignatories;
import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read of support data that the public pages and the open API make goes through here — and
 * only here, so that the public side has one source. The headline numbers come from signing's
 * maintained aggregate ({@link SupportCounts}); lists and the timeline from the publicly counted
 * signatures ({@link PublicSignatories}), loaded at most once a second per appeal.
 */
@Singleton
public class PublicSupport {

    private final PublicSignatories signatories;
    private final SupportCounts counts;
    private final Clock clock;
    // a burst of readers of one appeal costs one query per second
    private final Cache<Long, List<PublicSignatories.Signatory>> recent;

    PublicSupport(
            PublicSignatories signatories,
            SupportCounts counts,
            Clock clock,
            PublicCacheConfig config) {
        this.signatories = signatories;
        this.counts = counts;
        this.clock = clock;
        this.recent =
                Caffeine.newBuilder()
                        .expireAfterWrite(config.getRenderTtl())
                        .maximumSize(200)
                        .build();
    }

    /** Counted support of one Land: municipalities and Landkreise, each on its own. */
    public record StateCount(
            String code, String name, long municipalities, long districts, long signatures) {
        /** Municipalities and Landkreise together. */
        public long places() {
            return municipalities + districts;
        }
    }

    /**
     * The headline numbers, read from signing's maintained aggregate; {@code updatedAt} is the last
     * confirmation that counts publicly (null: none yet). {@code municipalities} are in Germany or
     * abroad, {@code districts} the Landkreise: never one counted as the other.
     */
    public record Counts(
            long municipalities,
            long districts,
            long signatures,
            long population,
            long awaitingVerification,
            List<StateCount> byState,
            Instant updatedAt) {
        /** Municipalities and Landkreise together. */
        public long places() {
            return municipalities + districts;
        }
    }

    public enum Kind {
        MUNICIPALITY,
        DISTRICT,
        FOREIGN
    }

    /**
     * One office that signed, as the public may see it: the name only with consent where the appeal
     * allows names.
     */
    public record Signatory(String role, String roleOther, String name, Instant confirmedAt) {}

    /**
     * A counted municipality, Kreis or foreign place with its public signatories, in order of
     * confirmation.
     */
    public record Place(
            Kind kind,
            String ags,
            String country,
            String name,
            String landCode,
            String landName,
            long population,
            Instant firstSupport,
            List<Signatory> signatories) {
        /** A stable key: the AGS, or country and name abroad. */
        public String key() {
            return ags != null ? ags : country + ":" + name;
        }
    }

    /**
     * One day of the timeline (Europe/Berlin): new and cumulative counted municipalities (in
     * Germany or abroad), Landkreise and signatures.
     */
    public record Day(
            LocalDate date,
            long newMunicipalities,
            long municipalities,
            long newDistricts,
            long districts,
            long newSignatures,
            long signatures) {
        /** New municipalities and Landkreise together. */
        public long newPlaces() {
            return newMunicipalities + newDistricts;
        }

        /** Municipalities and Landkreise together so far. */
        public long places() {
            return municipalities + districts;
        }
    }

    public Counts counts(Appeal appeal) {
        SupportCounts.Counts c = counts.of(appeal.id());
        List<StateCount> byState =
                counts.byLand(appeal.id()).stream()
                        .map(
                                l ->
                                        new StateCount(
                                                l.code(),
                                                l.land(),
                                                l.municipalities(),
                                                l.districts(),
                                                l.signatures()))
                        .toList();
        // the newest counted confirmation through the index: loading every signatory for it ran
        // the count endpoint out of heap at 1,000,000 signatures
        Instant updated =
                signatories
                        .recent(appeal.id(), appeal.publishNames(), appeal.publicCount(), 1)
                        .stream()
                        .findFirst()
                        .map(PublicSignatories.Recent::confirmedAt)
                        .orElse(null);
        return new Counts(
                c.municipalities(),
                c.districts(),
                c.signatures(),
                c.population(),
                c.awaiting(),
                byState,
                updated);
    }

    /**
     * Every counted place, grouped by Land in register order (foreign places last), then by name.
     */
    public List<Place> places(Appeal appeal) {
        Map<String, List<PublicSignatories.Signatory>> byPlace = new LinkedHashMap<>();
        for (PublicSignatories.Signatory s : load(appeal)) {
            byPlace.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        List<Place> out = new ArrayList<>();
        for (List<PublicSignatories.Signatory> rows : byPlace.values()) {
            PublicSignatories.Signatory first = rows.get(0);
            Kind kind =
                    first.ags() != null
                            ? Kind.MUNICIPALITY
                            : first.districtAgs() != null ? Kind.DISTRICT : Kind.FOREIGN;
            out.add(
                    new Place(
                            kind,
                            first.ags() != null ? first.ags() : first.districtAgs(),
                            first.country(),
                            first.place(),
                            first.landCode(),
                            first.landName(),
                            first.population(),
                            first.confirmedAt(),
                            rows.stream()
                                    .map(
                                            r ->
                                                    new Signatory(
                                                            r.role(),
                                                            r.roleOther(),
                                                            r.publicName(),
                                                            r.confirmedAt()))
                                    .toList()));
        }
        out.sort(
                Comparator.comparing((Place p) -> p.landCode() == null ? "~" : p.landCode())
                        .thenComparing(p -> p.country() == null ? "" : p.country())
                        .thenComparing(Place::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /**
     * Counted places and signatures per day from the day the appeal opened until today (or its
     * deadline).
     */
    public List<Day> timeline(Appeal appeal) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        // per hour from the database (Berlin's offsets are whole hours, so each hour lies in one
        // day)
        for (PublicSignatories.Hour h : signatories.hourly(appeal.id(), appeal.publicCount())) {
            long[] day = perDay.computeIfAbsent(berlinDate(h.start()), d -> new long[3]);
            day[0] += h.newMunicipalities();
            day[1] += h.newDistricts();
            day[2] += h.signatures();
        }
        LocalDate from = berlinDate(appeal.opensAt());
        Instant end =
                clock.instant().isBefore(appeal.signingEnd())
                        ? clock.instant()
                        : appeal.signingEnd();
        LocalDate to = berlinDate(end);
        if (!perDay.isEmpty() && ((TreeMap<LocalDate, long[]>) perDay).lastKey().isAfter(to)) {
            to = ((TreeMap<LocalDate, long[]>) perDay).lastKey();
        }
        if (!perDay.isEmpty() && ((TreeMap<LocalDate, long[]>) perDay).firstKey().isBefore(from)) {
            from = ((TreeMap<LocalDate, long[]>) perDay).firstKey();
        }
        List<Day> days = new ArrayList<>();
        long municipalities = 0;
        long districts = 0;
        long signatures = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            long[] n = perDay.getOrDefault(d, new long[3]);
            municipalities += n[0];
            districts += n[1];
            signatures += n[2];
            days.add(new Day(d, n[0], municipalities, n[1], districts, n[2], signatures));
        }
        return days;
    }

    private List<PublicSignatories.Signatory> load(Appeal appeal) {
        return recent.get(
                appeal.id(), id -> signatories.of(id, appeal.publishNames(), appeal.publicCount()));
    }

    private static String key(PublicSignatories.Signatory s) {
        return s.ags() != null
                ? s.ags()
                : s.districtAgs() != null ? "K" + s.districtAgs() : "F" + s.foreignId();
    }

    private static LocalDate berlinDate(Instant instant) {
        return instant.atZone(MitzeichnenConfig.ZONE).toLocalDate();
    }
}
