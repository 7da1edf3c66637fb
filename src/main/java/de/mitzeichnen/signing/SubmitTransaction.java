package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealText;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One attempt at storing a submission and its mail, in one transaction. */
@Singleton
class SubmitTransaction {

    private final SignatureRepository signatures;
    private final ForeignMunicipalities foreign;
    private final SignatureMails mails;
    private final SigningConfig config;
    private final HeldAddresses heldAddresses;
    private final Clock clock;

    SubmitTransaction(
            SignatureRepository signatures,
            ForeignMunicipalities foreign,
            SignatureMails mails,
            SigningConfig config,
            HeldAddresses heldAddresses,
            Clock clock) {
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
        if (existing.isEmpty()) {
            String token = Tokens.newToken();
            Signature s =
                    signatures.save(
                            Signature.pending(
                                    appeal.id(),
                                    submission(appeal, r, locale, ipHash, invited, token, now),
                                    now));
            if (invited) {
                return Optional.of(token);
            }
            mails.confirmation(appeal, s, token, locale);
            return Optional.empty();
        }
        Signature s = existing.get();
        // One mail stays reserved for the confirmation with the withdrawal link.
        if (!invited && s.mailsSent() >= config.getMaxMailsPerSignature() - 1) {
            return Optional.empty();
        }
        switch (s.status()) {
            case PENDING -> {
                String token = Tokens.newToken();
                Signature updated =
                        signatures.update(
                                s.resubmitted(
                                        submission(appeal, r, locale, ipHash, invited, token, now),
                                        now));
                if (invited) {
                    return Optional.of(token);
                }
                mails.confirmation(appeal, updated, token, locale);
            }
            case CONFIRMED -> {
                if (invited) {
                    return Optional.empty();
                }
                Signature counted = signatures.update(s.withMailsSent(s.mailsSent() + 1, now));
                mails.alreadySigned(appeal, counted, locale);
            }
            default -> {
                // rejected, suspected or otherwise held by the organiser: nothing to send
            }
        }
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
        if (signatures.findForUpdate(appeal.id(), r.email().key()).isPresent()) {
            return;
        }
        if (!heldAddresses.admit(appeal.id(), ipHash == null ? "" : ipHash, now)) {
            return;
        }
        signatures.save(
                Signature.held(
                        appeal.id(),
                        submission(appeal, r, locale, ipHash, false, Tokens.newToken(), now),
                        now));
    }

    private Signature.Submission submission(
            Appeal appeal,
            SignatureRequest r,
            Locale locale,
            String ipHash,
            boolean invited,
            String token,
            Instant now) {
        SignTarget.Resolved place = resolve(r.target());
        return new Signature.Submission(
                r.email().address(),
                r.email().key(),
                r.name(),
                r.role(),
                r.roleOther(),
                r.body(),
                place,
                r.publicName(),
                config.getPrivacyVersion(),
                locale.getLanguage(),
                AppealText.hash(appeal),
                ipHash,
                invited,
                Tokens.hash(token),
                expiry(appeal, now),
                r.outcomeMails());
    }

    /** The place's keys; a foreign municipality is made on first use. */
    SignTarget.Resolved resolve(SignTarget target) {
        if (target instanceof SignTarget.Municipality m) {
            return new SignTarget.Resolved(m.ags(), null, m.gebietsstand(), null);
        } else if (target instanceof SignTarget.District d) {
            return new SignTarget.Resolved(null, d.ags(), null, null);
        }
        SignTarget.Foreign f = (SignTarget.Foreign) target;
        return new SignTarget.Resolved(
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
