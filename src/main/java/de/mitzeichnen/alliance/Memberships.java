package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.FormErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is a member of an alliance, when: adding members (one by one or from a file), ending a
 * membership, and reading the history. Every change takes the alliance's lock first (so two changes
 * never both pass the overlap check), is checked by the same rules, rolls the public numbers up and
 * writes an audit entry — all in one transaction; a refused change stores nothing.
 *
 * <p>The rules: a membership starts on {@code joinedOn} and, once ended, ends on {@code leftOn}
 * (the first day without it, after {@code joinedOn}); neither date lies more than a year in the
 * future; one place's memberships in one alliance never share a day.
 */
@Singleton
public class Memberships {

    public static final int MAX_BASIS = 300;

    /** How far ahead a decision may date a membership's start or end. */
    public static final int MAX_YEARS_AHEAD = 1;

    /** A membership to add, as checked forms and files name it. */
    public record NewMember(
            MemberTarget target,
            LocalDate joinedOn,
            @Nullable LocalDate leftOn,
            @Nullable String basis,
            @Nullable Evidence evidence) {}

    /** The scan or file a membership rests on (the council decision). */
    public record Evidence(String name, String contentType, byte[] content) {}

    /** The stored membership, or what is wrong (per form field: place, joinedOn, leftOn, basis). */
    public record Outcome(@Nullable Member member, FormErrors errors) {
        public boolean ok() {
            return member != null;
        }
    }

    private final MemberStore store;
    private final StatsLedger ledger;
    private final Places places;
    private final AuditLog audit;
    private final Clock clock;

    Memberships(MemberStore store, StatsLedger ledger, Places places, AuditLog audit, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.places = places;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- reading ----

    /** Every membership, past, present and future, in order of joining. */
    public List<Member> all(long allianceId) {
        return store.ofAlliance(allianceId);
    }

    /** The memberships in force on {@code day}. */
    public List<Member> onDay(long allianceId, LocalDate day) {
        return store.inForceBetween(allianceId, day, day);
    }

    /** The memberships in force on at least one day from {@code from} to {@code until}. */
    public List<Member> between(long allianceId, LocalDate from, LocalDate until) {
        return store.inForceBetween(allianceId, from, until);
    }

    public Optional<Member> member(long allianceId, long memberId) {
        return store.byId(allianceId, memberId);
    }

    /** The memberships with their places named (register names, Länder, countries). */
    public List<MemberRow> named(List<Member> members, Locale locale) {
        return places.rows(members, locale);
    }

    /** Whether {@code place} is a member on {@code day} (for „N of M members have signed"). */
    public boolean isMember(long allianceId, MemberPlace place, LocalDate day) {
        return store.ofPlace(allianceId, place).stream().anyMatch(m -> m.inForceOn(day));
    }

    public Optional<Evidence> evidence(long allianceId, long memberId) {
        return store.evidence(allianceId, memberId)
                .map(e -> new Evidence(e.name(), e.contentType(), e.content()));
    }

    /**
     * The member a text names, as the sign form reads it (an AGS, a Landkreis key, „Name (AGS)", an
     * unambiguous name; abroad the name with a country other than DE); empty when it names none.
     */
    public Optional<MemberTarget> target(String text, String country) {
        return Optional.ofNullable(places.resolve(text, country).target());
    }

    /** Today in Berlin: the day „now" means for memberships. */
    public LocalDate today() {
        return ledger.today();
    }

    // ---- the rules ----

    /** What is wrong with a membership: the form field, a message key and its arguments. */
    public record Problem(String field, String key, List<Object> args) {
        static Problem of(String field, String key, Object... args) {
            return new Problem(field, key, List.of(args));
        }
    }

    /**
     * What is wrong with a new membership against the stored ones (per field); empty when it may be
     * added. The preview of a file uses it as it is, without locking anything.
     */
    public List<Problem> problems(long allianceId, NewMember in) {
        List<Problem> out = new ArrayList<>();
        checkDates(in.joinedOn(), in.leftOn(), out);
        checkBasis(in.basis(), out);
        if (out.isEmpty()) {
            places.placeOf(in.target())
                    .flatMap(p -> overlap(store.ofPlace(allianceId, p), in, null))
                    .ifPresent(m -> out.add(overlapProblem(m)));
        }
        return out;
    }

    /** {@link #problems} as a form's messages. */
    public FormErrors check(long allianceId, NewMember in) {
        return errors(problems(allianceId, in));
    }

    static FormErrors errors(List<Problem> problems) {
        FormErrors errors = new FormErrors();
        problems.forEach(p -> errors.field(p.field(), p.key(), p.args().toArray()));
        return errors;
    }

    void checkDates(LocalDate joined, @Nullable LocalDate left, List<Problem> out) {
        LocalDate limit = today().plusYears(MAX_YEARS_AHEAD);
        if (joined.isAfter(limit)) {
            out.add(Problem.of("joinedOn", "alliance.error.joined.future", Dates.shown(limit)));
        }
        if (left != null && left.isAfter(limit)) {
            out.add(Problem.of("leftOn", "alliance.error.left.future", Dates.shown(limit)));
        } else if (left != null && !left.isAfter(joined)) {
            out.add(Problem.of("leftOn", "alliance.error.left.beforeJoined", Dates.shown(joined)));
        }
    }

    static void checkBasis(@Nullable String basis, List<Problem> out) {
        if (basis != null && (basis.length() > MAX_BASIS || Places.hasControl(basis))) {
            out.add(Problem.of("basis", "alliance.error.basis", MAX_BASIS));
        }
    }

    private static Optional<Member> overlap(List<Member> samePlace, NewMember in, Long except) {
        return samePlace.stream()
                .filter(m -> except == null || m.id() != except)
                .filter(m -> m.overlaps(in.joinedOn(), in.leftOn()))
                .findFirst();
    }

    private static Problem overlapProblem(Member m) {
        return m.leftOn() == null
                ? Problem.of("place", "alliance.error.overlap.open", Dates.shown(m.joinedOn()))
                : Problem.of(
                        "place",
                        "alliance.error.overlap",
                        Dates.shown(m.joinedOn()),
                        Dates.shown(m.leftOn()));
    }

    // ---- changes ----

    /** Adds one membership, with its evidence, or refuses it and stores nothing. */
    @Transactional
    public Outcome add(Alliance alliance, NewMember in, Actor who) {
        ledger.lock(alliance.id());
        FormErrors errors = check(alliance.id(), in);
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        Member added = insert(alliance, in);
        ledger.rollUp(alliance.id());
        PlaceInfo info = places.info(added.place(), Locale.GERMAN);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.put("member", describe(info));
        details.put("joinedOn", added.joinedOn().toString());
        details.put("leftOn", added.leftOn() == null ? null : added.leftOn().toString());
        details.put("basis", added.basis());
        details.put("file", in.evidence() == null ? null : in.evidence().name());
        audit.record(who, "ALLIANCE_MEMBER_ADDED", alliance.organiserId(), null, details);
        return new Outcome(added, new FormErrors());
    }

    /**
     * Adds every row that still passes the rules (a row may have become a duplicate since the
     * preview, or be one of two for the same place in the file), in one transaction with one audit
     * entry; returns how many were added.
     */
    @Transactional
    public int addAll(Alliance alliance, List<NewMember> rows, Actor who, Map<String, ?> about) {
        ledger.lock(alliance.id());
        int added = 0;
        for (NewMember in : rows) {
            if (problems(alliance.id(), in).isEmpty()) {
                insert(alliance, in);
                added++;
            }
        }
        ledger.rollUp(alliance.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.putAll(about);
        details.put("added", added);
        audit.record(who, "ALLIANCE_MEMBERS_IMPORTED", alliance.organiserId(), null, details);
        return added;
    }

    private Member insert(Alliance alliance, NewMember in) {
        MemberPlace place = places.store(in.target());
        LocalDate gebietsstand =
                in.target() instanceof MemberTarget.Municipality m ? m.gebietsstand() : null;
        String basis = in.basis() == null || in.basis().isBlank() ? null : in.basis().strip();
        long id =
                store.insert(
                        alliance.id(),
                        place,
                        gebietsstand,
                        in.joinedOn(),
                        in.leftOn(),
                        basis,
                        clock.instant());
        if (in.evidence() != null) {
            store.saveEvidence(
                    alliance.id(),
                    id,
                    new MemberStore.Evidence(
                            in.evidence().name(),
                            in.evidence().contentType(),
                            in.evidence().content()),
                    clock.instant());
        }
        return store.byId(alliance.id(), id).orElseThrow();
    }

    /**
     * Ends a membership on {@code leftOn} (the first day without it), or refuses and stores
     * nothing: an ended one, a date not after its start or more than a year ahead, or a date after
     * the place's next membership began.
     */
    @Transactional
    public Outcome end(Alliance alliance, long memberId, LocalDate leftOn, Actor who) {
        ledger.lock(alliance.id());
        Member m = store.byId(alliance.id(), memberId).orElse(null);
        FormErrors errors = new FormErrors();
        if (m == null) {
            return new Outcome(null, errors.general("alliance.error.member.unknown"));
        }
        if (m.leftOn() != null) {
            return new Outcome(
                    null, errors.general("alliance.error.member.ended", Dates.shown(m.leftOn())));
        }
        List<Problem> problems = new ArrayList<>();
        checkDates(m.joinedOn(), leftOn, problems);
        if (problems.isEmpty()) {
            NewMember shortened = new NewMember(null, m.joinedOn(), leftOn, null, null);
            overlap(store.ofPlace(alliance.id(), m.place()), shortened, m.id())
                    .ifPresent(
                            later ->
                                    problems.add(
                                            Problem.of(
                                                    "leftOn",
                                                    "alliance.error.left.afterNext",
                                                    Dates.shown(later.joinedOn()))));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, errors(problems));
        }
        store.end(alliance.id(), memberId, leftOn, clock.instant());
        ledger.rollUp(alliance.id());
        PlaceInfo info = places.info(m.place(), Locale.GERMAN);
        audit.record(
                who,
                "ALLIANCE_MEMBER_ENDED",
                alliance.organiserId(),
                null,
                Map.of(
                        "slug", alliance.slug(),
                        "member", describe(info),
                        "joinedOn", m.joinedOn().toString(),
                        "leftOn", leftOn.toString()));
        return new Outcome(store.byId(alliance.id(), memberId).orElseThrow(), errors);
    }

    /** „München (09162000)", „Landkreis Fulda (06631)", „Zürich (CH)": for the audit log. */
    static String describe(PlaceInfo p) {
        return p.name() + " (" + (p.abroad() ? p.country() : p.place().key()) + ")";
    }
}
