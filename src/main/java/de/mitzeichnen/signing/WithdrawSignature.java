package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.mail.Outbox;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Taking a signature back, possible until the deadline. The personal data are erased at once; what
 * the count history needs (appeal, municipality, role, times) stays, and the signature no longer
 * counts.
 */
@Singleton
class WithdrawSignature {

    enum State {
        SHOW,
        ALREADY_WITHDRAWN,
        TOO_LATE,
        UNKNOWN,
        WITHDRAWN_NOW
    }

    record Outcome(State state, Signature signature, Appeal appeal) {}

    private final SignatureRepository signatures;
    private final Appeals appeals;
    private final Signatures owner;
    private final Clock clock;
    private final Outbox outbox;

    WithdrawSignature(
            SignatureRepository signatures,
            Appeals appeals,
            Signatures owner,
            Clock clock,
            Outbox outbox) {
        this.signatures = signatures;
        this.appeals = appeals;
        this.owner = owner;
        this.clock = clock;
        this.outbox = outbox;
    }

    Outcome look(String token) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        return classify(signatures.findByWithdrawTokenHash(Tokens.hash(token)), clock.instant());
    }

    @Transactional
    Outcome withdraw(String token) {
        if (!Tokens.plausible(token)) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Instant now = clock.instant();
        Outcome outcome =
                classify(signatures.findByWithdrawTokenForUpdate(Tokens.hash(token)), now);
        if (outcome.state() != State.SHOW) {
            return outcome;
        }
        Signature erased = owner.withdraw(outcome.appeal(), outcome.signature(), now);
        // the mails to that person go too: what is withdrawn leaves no copy behind
        outbox.eraseFor(outcome.signature().email());
        return new Outcome(State.WITHDRAWN_NOW, erased, outcome.appeal());
    }

    private Outcome classify(Optional<Signature> found, Instant now) {
        if (found.isEmpty()) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Signature s = found.get();
        Appeal appeal = appeals.byId(s.appealId()).orElseThrow();
        if (s.status() == SignatureStatus.WITHDRAWN) {
            return new Outcome(State.ALREADY_WITHDRAWN, s, appeal);
        }
        // the table decides: a confirmed signature held back by the organiser (suspected) can be
        // taken back too
        if (!Transition.WITHDRAW.allowedFrom(s.status())) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        if (!now.isBefore(appeal.signingEnd())) {
            return new Outcome(State.TOO_LATE, s, appeal);
        }
        return new Outcome(State.SHOW, s, appeal);
    }
}
