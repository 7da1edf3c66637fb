package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealText;
import de.mitzeichnen.counting.SupportLedger;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One attempt at storing a submission and its mail, in one transaction: SUBMIT, RESUBMIT or HOLD,
 * as the {@link Transition} table allows from the address's signature (or its absence).
 */
@Singleton
class SubmitTransaction {

    private final SignatureRepository signatures;
    private final ForeignMunicipalities foreign;
    private final SignatureMails mails;
    private final SigningConfig config;
    private final HeldAddresses heldAddresses;
    private final SupportLedger ledger;
    private final Clock clock;

    SubmitTransaction(
            SignatureRepository signatures,
            ForeignMunicipalities foreign,
            SignatureMails mails,
            SigningConfig config,
            HeldAddresses heldAddresses,
            SupportLedger ledger,
            Clock clock) {
        this.ledger = ledger;
        this.heldAddresses = heldAddresses;
        this.signatures = signatures;
        this.foreign = foreign;
        this.mails = mails;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores the submission. Through an invitation link ({@code invited}) the address is already
     * proven: no mail goes out and the confirmation token is returned, so that the signer confirms
     * on the next page.
     */
    @Transactional
    Optional<String> submit(
            Appeal appeal, SignatureRequest r, Locale locale, String ipHash, boolean invited) {
        Instant now = clock.instant();
        if (!appeal.acceptsSignatures(now)) {
            throw new SigningClosedException();
        }
        Optional<Signature> existing = signatures.findForUpdate(appeal.id(), r.email().key());
        if (Transition.SUBMIT.allowedFrom(status(existing))) {
            String token = Tokens.newToken();
            Signature s =
                    signatures.save(
                            Signature.pending(
                                    appeal.id(),
                                    submission(appeal, r, locale, ipHash, invited, token, now),
                                    now));
            counted(appeal, null, s);
            if (invited) {
                return Optional.of(token);
            }
            mails.confirmation(appeal, s, token, locale);
            return Optional.empty();
        }
        Signature s = existing.get();
        // One mail stays reserved for the confirmation with the withdrawal link.
        if (!invited && s.links().mailsSent() >= config.getMaxMailsPerSignature() - 1) {
            return Optional.empty();
        }
        if (Transition.RESUBMIT.allowedFrom(s.status())) {
            String token = Tokens.newToken();
            Signature updated =
                    signatures.update(
                            s.resubmitted(
                                    submission(appeal, r, locale, ipHash, invited, token, now),
                                    now));
            counted(appeal, s, updated);
            if (invited) {
                return Optional.of(token);
            }
            mails.confirmation(appeal, updated, token, locale);
        } else if (s.status() == SignatureStatus.CONFIRMED && !invited) {
            // no transition: the signer hears that the signature stands
            Signature stands =
                    signatures.storeLinks(s.withMailsSent(s.links().mailsSent() + 1, now));
            mails.alreadySigned(appeal, stands, locale);
        }
        // rejected, suspected or otherwise held by the organiser: nothing changes, nothing is sent
        return Optional.empty();
    }

    /**
     * HOLD: a submission beyond a rate limit. A new address is stored as suspected without a mail,
     * up to the bound of held submissions per client address and window; beyond that it is only
     * counted. For an address that already has a signature nothing changes and nothing is sent. The
     * caller shows the usual page either way.
     */
    @Transactional
    void hold(Appeal appeal, SignatureRequest r, Locale locale, String ipHash) {
        Instant now = clock.instant();
        if (!appeal.acceptsSignatures(now)) {
            throw new SigningClosedException();
        }
        if (!Transition.HOLD.allowedFrom(
                status(signatures.findForUpdate(appeal.id(), r.email().key())))) {
            return;
        }
        if (!heldAddresses.admit(appeal.id(), ipHash == null ? "" : ipHash, now)) {
            return;
        }
        Signature held =
                signatures.save(
                        Signature.held(
                                appeal.id(),
                                submission(
                                        appeal, r, locale, ipHash, false, Tokens.newToken(), now),
                                now));
        counted(appeal, null, held);
    }

    /** The status the transition table starts from: null when the address has no signature. */
    private static @Nullable SignatureStatus status(Optional<Signature> existing) {
        return existing.map(Signature::status).orElse(null);
    }

    /**
     * The aggregate follows every transition, these too: today a pending or held submission adds
     * nothing to it (the ledger then neither locks nor writes), but the rule of what counts lives
     * in one place ({@link SignatureTally}), not here.
     */
    private void counted(Appeal appeal, @Nullable Signature before, Signature after) {
        ledger.changed(
                appeal.id(),
                SignatureTally.of(before, appeal.publicCount()),
                SignatureTally.of(after, appeal.publicCount()));
    }

    private Signature.Submission submission(
            Appeal appeal,
            SignatureRequest r,
            Locale locale,
            String ipHash,
            boolean invited,
            String token,
            Instant now) {
        return new Signature.Submission(
                Signature.Signer.of(r, ipHash),
                resolve(r.target()),
                consent(appeal, locale, now),
                invited,
                Tokens.hash(token),
                expiry(appeal, now));
    }

    /** What the signer agrees to now: this privacy notice, this text of the appeal. */
    Signature.Consent consent(Appeal appeal, Locale locale, Instant now) {
        return new Signature.Consent(
                config.getPrivacyVersion(), now, locale.getLanguage(), AppealText.hash(appeal));
    }

    /** The place's keys; a foreign municipality is made on first use. */
    Signature.Place resolve(SignTarget target) {
        if (target instanceof SignTarget.Municipality m) {
            return new Signature.Place(m.ags(), null, m.gebietsstand(), null);
        } else if (target instanceof SignTarget.District d) {
            return new Signature.Place(null, d.ags(), null, null);
        }
        SignTarget.Foreign f = (SignTarget.Foreign) target;
        return new Signature.Place(
                null, null, null, foreign.findOrCreate(f.country(), f.name()).id());
    }

    /**
     * A confirmation link lives 7 days, and never beyond the deadline plus the appeal's grace
     * window.
     */
    Instant expiry(Appeal appeal, Instant now) {
        Instant week = now.plus(config.getTokenValidity());
        return week.isBefore(appeal.confirmableUntil()) ? week : appeal.confirmableUntil();
    }
}
