package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The second step of the double opt-in. Looking at the link (GET) never changes anything — mail
 * gateways open links by themselves; only the button (POST) confirms, and doing so twice is
 * harmless.
 */
@Singleton
class ConfirmSignature {

    enum State {
        SHOW,
        ALREADY_CONFIRMED,
        EXPIRED,
        UNKNOWN,
        CONFIRMED_NOW
    }

    record Outcome(State state, Signature signature, Appeal appeal) {}

    private final SignatureRepository signatures;
    private final Appeals appeals;
    private final Signatures owner;
    private final Clock clock;

    ConfirmSignature(
            SignatureRepository signatures, Appeals appeals, Signatures owner, Clock clock) {
        this.signatures = signatures;
        this.appeals = appeals;
        this.owner = owner;
        this.clock = clock;
    }

    /** What the link stands for, without touching it. */
    Outcome look(String token) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        return classify(signatures.findByConfirmTokenHash(Tokens.hash(token)), clock.instant());
    }

    @Transactional
    Outcome confirm(String token, Locale locale) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Instant now = clock.instant();
        Outcome outcome = classify(signatures.findByConfirmTokenForUpdate(Tokens.hash(token)), now);
        if (outcome.state() != State.SHOW) {
            return outcome;
        }
        Signature confirmed = owner.confirm(outcome.appeal(), outcome.signature(), now);
        return new Outcome(State.CONFIRMED_NOW, confirmed, outcome.appeal());
    }

    private Outcome classify(Optional<Signature> found, Instant now) {
        if (found.isEmpty()) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Signature s = found.get();
        Appeal appeal = appeals.byId(s.appealId()).orElseThrow();
        if (s.status() == SignatureStatus.CONFIRMED) {
            return new Outcome(State.ALREADY_CONFIRMED, s, appeal);
        }
        if (!Transition.CONFIRM.allowedFrom(s.status())) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        return now.isBefore(s.confirmExpiresAt())
                ? new Outcome(State.SHOW, s, appeal)
                : new Outcome(State.EXPIRED, s, appeal);
    }
}
