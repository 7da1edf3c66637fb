package de.mitzeichnen.alliance;

import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.signing.Tokens;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The second step of the double opt-in. Looking at the link (GET) never changes anything — mail
 * gateways open links by themselves; only the button (POST) confirms, and pressing it twice is
 * harmless. Confirming judges the address as signing does: on the place's official mail domain the
 * declaration is CONFIRMED, otherwise it AWAITS the organiser's CHECK.
 */
@Singleton
class JoinConfirmation {

    enum State {
        /** No such link (never was, or its declaration expired and is gone, or was erased). */
        UNKNOWN,
        /** The link's time is up; the declaration is deleted soon. */
        EXPIRED,
        /** Unconfirmed: the page shows what is declared and the button. */
        SHOW,
        /** Confirmed before (the page says where it stands now). */
        ALREADY,
        /** Confirmed by this request. */
        CONFIRMED_NOW
    }

    record Outcome(
            State state, @Nullable JoinDeclaration declaration, @Nullable Alliance alliance) {}

    private final JoinStore store;
    private final Alliances alliances;
    private final MailDomains domains;
    private final Clock clock;

    JoinConfirmation(JoinStore store, Alliances alliances, MailDomains domains, Clock clock) {
        this.store = store;
        this.alliances = alliances;
        this.domains = domains;
        this.clock = clock;
    }

    /** What the link stands for, without touching it. */
    Outcome look(String token) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        return classify(store.byTokenHash(Tokens.hash(token)), clock.instant());
    }

    @Transactional
    Outcome confirm(String token) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Outcome outcome = classify(store.byTokenHashForUpdate(Tokens.hash(token)), now);
        if (outcome.state() != State.SHOW) {
            return outcome;
        }
        JoinDeclaration d = outcome.declaration();
        DomainTrust trust = trust(d);
        store.confirm(
                d,
                trust == DomainTrust.OFFICIAL_DOMAIN
                        ? JoinState.CONFIRMED
                        : JoinState.AWAITING_CHECK,
                trust,
                now);
        return new Outcome(
                State.CONFIRMED_NOW,
                store.byId(d.allianceId(), d.id()).orElseThrow(),
                outcome.alliance());
    }

    /** As signing judges it; a place abroad has no official domains, so at best UNKNOWN. */
    private DomainTrust trust(JoinDeclaration d) {
        String place = d.placeKey();
        if (place != null) {
            return domains.trustFor(d.emailKey(), place);
        }
        String domain = d.emailKey().substring(d.emailKey().lastIndexOf('@') + 1);
        return domains.isFreemail(domain) ? DomainTrust.FREEMAIL : DomainTrust.UNKNOWN;
    }

    private Outcome classify(Optional<JoinDeclaration> found, Instant now) {
        if (found.isEmpty()) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        JoinDeclaration d = found.get();
        Alliance alliance = alliances.byId(d.allianceId()).orElseThrow();
        if (!JoinTransition.CONFIRM.allowedFrom(d.state())) {
            return new Outcome(State.ALREADY, d, alliance);
        }
        return now.isBefore(d.confirmExpiresAt())
                ? new Outcome(State.SHOW, d, alliance)
                : new Outcome(State.EXPIRED, d, alliance);
    }
}
