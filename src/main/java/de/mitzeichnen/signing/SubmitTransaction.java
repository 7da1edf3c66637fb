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
    private final Clock clock;

    SubmitTransaction(SignatureRepository signatures, ForeignMunicipalities foreign, SignatureMails mails,
                      SigningConfig config, Clock clock) {
        this.signatures = signatures;
        this.foreign = foreign;
        this.mails = mails;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores the submission. Through an invitation link ({@code invited}) the address is already proven: no
     * mail goes out and the confirmation token is returned, so that the signer confirms on the next page.
     */
    @Transactional
    Optional<String> submit(Appeal appeal, SignFormValidator.SignRequest r, Locale locale, String ipHash,
                            boolean invited) {
        Instant now = clock.instant();
        if (!appeal.acceptsSignatures(now)) {
            throw new SigningClosedException();
        }
        Optional<Signature> existing = signatures.findForUpdate(appeal.id(), r.email().key());
        if (existing.isEmpty()) {
            Long foreignId = r.place().abroad()
                    ? foreign.findOrCreate(r.place().country(), r.place().foreignName()).id() : null;
            String token = Tokens.newToken();
            Signature s = signatures.save(new Signature(null, appeal.id(), SignatureStatus.PENDING,
                    r.email().address(), r.email().key(), r.name(), r.role(), r.roleOther(), r.body(),
                    r.place().german() == null ? null : r.place().german().ags(),
                    r.place().german() == null ? null : r.place().german().gebietsstand(),
                    foreignId, r.publicName(), config.getPrivacyVersion(), now, locale.getLanguage(),
                    AppealText.hash(appeal), ipHash, invited ? Trust.INVITED : null, null, Tokens.hash(token),
                    expiry(appeal, now), null, invited ? 0 : 1, now, null, null, now, now, null));
            if (r.place().district() != null) {
                signatures.updateDistrictAgs(s.id(), r.place().district().key());
            }
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
                Long foreignId = r.place().abroad()
                        ? foreign.findOrCreate(r.place().country(), r.place().foreignName()).id() : null;
                String token = Tokens.newToken();
                Signature updated = signatures.update(new Signature(s.id(), s.appealId(), s.status(),
                        r.email().address(), s.emailKey(), r.name(), r.role(), r.roleOther(), r.body(),
                        r.place().german() == null ? null : r.place().german().ags(),
                        r.place().german() == null ? null : r.place().german().gebietsstand(),
                        foreignId, r.publicName(), config.getPrivacyVersion(), now, locale.getLanguage(),
                        AppealText.hash(appeal), ipHash, invited ? Trust.INVITED : s.trust(), null,
                        Tokens.hash(token), expiry(appeal, now), null, s.mailsSent() + (invited ? 0 : 1), now, null,
                        null, s.createdAt(), now, s.version()));
                signatures.updateDistrictAgs(s.id(), r.place().district() == null ? null : r.place().district().key());
                if (invited) {
                    return Optional.of(token);
                }
                mails.confirmation(appeal, updated, token, locale);
            }
            case CONFIRMED -> {
                if (invited) {
                    return Optional.empty();
                }
                Signature counted = signatures.update(withMailsSent(s, s.mailsSent() + 1, now));
                mails.alreadySigned(appeal, counted, locale);
            }
            default -> {
                // rejected by the organiser: nothing to send
            }
        }
        return Optional.empty();
    }

    /** A confirmation link lives 7 days, and never beyond the deadline plus the appeal's grace window. */
    Instant expiry(Appeal appeal, Instant now) {
        Instant week = now.plus(config.getTokenValidity());
        return week.isBefore(appeal.confirmableUntil()) ? week : appeal.confirmableUntil();
    }

    static Signature withMailsSent(Signature s, int mailsSent, Instant now) {
        return new Signature(s.id(), s.appealId(), s.status(), s.email(), s.emailKey(), s.name(), s.role(),
                s.roleOther(), s.body(), s.municipalityAgs(), s.gebietsstand(), s.foreignMunicipalityId(),
                s.publicName(), s.privacyVersion(), s.privacyConsentAt(), s.language(), s.appealTextHash(),
                s.ipHash(), s.trust(), s.trustFlag(), s.confirmTokenHash(), s.confirmExpiresAt(),
                s.withdrawTokenHash(), mailsSent, s.submittedAt(), s.confirmedAt(), s.withdrawnAt(), s.createdAt(),
                now, s.version());
    }
}
