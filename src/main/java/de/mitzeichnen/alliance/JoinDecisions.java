package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.signing.SignerText;
import de.mitzeichnen.signing.VerificationMethod;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The organiser's side of joining: the confirmed declarations waiting for a decision, and the
 * decision itself. Accepting stores the membership through {@link Memberships#add} with the
 * declared date and basis (its rules apply: an overlap or a date beyond a year refuses it, and then
 * nothing is stored); declining takes a reason. Either way the declarant gets exactly one mail, and
 * the audit log an entry, in the same transaction.
 */
@Singleton
class JoinDecisions {

    static final int MAX_REASON = 1000;

    /** A declaration with the alliance it is for. */
    record Row(Alliance alliance, JoinDeclaration declaration) {}

    /**
     * Done, or what is wrong: per field (method, reason) or for the whole declaration; {@code
     * membership} holds the membership rules' messages when they refused it.
     */
    record Outcome(boolean ok, FormErrors errors, FormErrors membership) {
        static Outcome done() {
            return new Outcome(true, new FormErrors(), new FormErrors());
        }

        static Outcome refused(FormErrors errors) {
            return new Outcome(false, errors, new FormErrors());
        }
    }

    private final JoinStore store;
    private final Alliances alliances;
    private final Memberships memberships;
    private final Places places;
    private final JoinMails mails;
    private final AuditLog audit;
    private final Clock clock;

    JoinDecisions(
            JoinStore store,
            Alliances alliances,
            Memberships memberships,
            Places places,
            JoinMails mails,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.alliances = alliances;
        this.memberships = memberships;
        this.places = places;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    /** The declarations the account's alliances have yet to decide, oldest first. */
    List<Row> open(ConsoleUser me) {
        Map<Long, Alliance> mine =
                alliances.visibleTo(me).stream()
                        .collect(Collectors.toMap(Alliance::id, Function.identity()));
        return store.open(mine.keySet()).stream()
                .map(d -> new Row(mine.get(d.allianceId()), d))
                .toList();
    }

    List<JoinDeclaration> open(Alliance alliance) {
        return store.open(List.of(alliance.id()));
    }

    List<JoinDeclaration> decided(Alliance alliance, int limit) {
        return store.decided(alliance.id(), limit);
    }

    Optional<JoinDeclaration> declaration(Alliance alliance, long id) {
        return store.byId(alliance.id(), id);
    }

    @Transactional
    Outcome accept(
            Alliance alliance, long id, ConsoleUser me, @Nullable VerificationMethod method) {
        JoinDeclaration d = store.byIdForUpdate(alliance.id(), id).orElse(null);
        FormErrors errors = undecidable(d);
        if (errors != null) {
            return Outcome.refused(errors);
        }
        if (d.state() == JoinState.AWAITING_CHECK && method == null) {
            // the address alone does not show that the declarant speaks for the place
            return Outcome.refused(new FormErrors().field("method", "alliance.join.error.method"));
        }
        Memberships.Outcome added =
                memberships.add(
                        alliance,
                        new Memberships.NewMember(d.target(), d.decidedOn(), null, d.basis(), null),
                        Actor.of(me));
        if (!added.ok()) {
            return new Outcome(false, new FormErrors(), added.errors());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        VerificationMethod how = d.state() == JoinState.AWAITING_CHECK ? method : null;
        store.decide(
                d,
                JoinTransition.ACCEPT,
                JoinState.ACCEPTED,
                me.accountId(),
                how,
                null,
                added.member().id(),
                now);
        Map<String, Object> details = describe(alliance, d);
        details.put("joinedOn", d.decidedOn().toString());
        details.put("basis", d.basis());
        if (how != null) {
            details.put("method", how.name());
        }
        audit.record(Actor.of(me), "ALLIANCE_JOIN_ACCEPTED", alliance.organiserId(), null, details);
        mails.accepted(alliance, d);
        return Outcome.done();
    }

    @Transactional
    Outcome decline(Alliance alliance, long id, ConsoleUser me, @Nullable String reasonText) {
        JoinDeclaration d = store.byIdForUpdate(alliance.id(), id).orElse(null);
        FormErrors errors = undecidable(d);
        if (errors != null) {
            return Outcome.refused(errors);
        }
        String reason = reasonText == null ? "" : reasonText.replace("\r\n", "\n").strip();
        if (reason.isEmpty()) {
            return Outcome.refused(
                    new FormErrors().field("reason", "alliance.join.error.reason.required"));
        }
        if (reason.length() > MAX_REASON || SignerText.hasControl(reason.replace("\n", " "))) {
            return Outcome.refused(
                    new FormErrors()
                            .field("reason", "alliance.join.error.reason.invalid", MAX_REASON));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.decide(
                d,
                JoinTransition.DECLINE,
                JoinState.DECLINED,
                me.accountId(),
                null,
                reason,
                null,
                now);
        Map<String, Object> details = describe(alliance, d);
        details.put("reason", reason);
        audit.record(Actor.of(me), "ALLIANCE_JOIN_DECLINED", alliance.organiserId(), null, details);
        mails.declined(alliance, d, reason);
        return Outcome.done();
    }

    /** Why this declaration cannot be decided (now), or null when it can. */
    private static @Nullable FormErrors undecidable(@Nullable JoinDeclaration d) {
        if (d == null || !JoinTransition.ACCEPT.allowedFrom(d.state())) {
            // unconfirmed ones are not the organiser's to see: as if there were none
            return d != null && d.state().decided()
                    ? new FormErrors().general("alliance.join.error.decided")
                    : new FormErrors().general("alliance.join.error.unknown");
        }
        return null;
    }

    private Map<String, Object> describe(Alliance alliance, JoinDeclaration d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.put("member", member(d));
        return details;
    }

    /** „München (09162000)", „Zürich (CH)": as the membership's audit entries name places. */
    private String member(JoinDeclaration d) {
        if (d.target() instanceof MemberTarget.Foreign f) {
            return f.name() + " (" + f.country() + ")";
        }
        MemberPlace place =
                d.target() instanceof MemberTarget.Municipality m
                        ? MemberPlace.municipality(m.ags())
                        : MemberPlace.district(((MemberTarget.District) d.target()).key());
        return Memberships.describe(places.info(place, Locale.GERMAN));
    }
}
