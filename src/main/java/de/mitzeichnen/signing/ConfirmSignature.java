package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealRepository;
import de.mitzeichnen.invitation.Invitations;
import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import de.mitzeichnen.municipality.MailDomains;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The second step of the double opt-in. Looking at the link (GET) never changes anything — mail gateways open
 * links by themselves; only the button (POST) confirms, and doing so twice is harmless.
 */
@Singleton
class ConfirmSignature {

    enum State { SHOW, ALREADY_CONFIRMED, EXPIRED, UNKNOWN, CONFIRMED_NOW }

    record Outcome(State state, Signature signature, Appeal appeal) {
    }

    private final SignatureRepository signatures;
    private final AppealRepository appeals;
    private final MailDomains domains;
    private final SignatureMails mails;
    private final Clock clock;
    private final Invitations invitations;
    private final ForeignMunicipalities foreign;

    ConfirmSignature(SignatureRepository signatures, AppealRepository appeals, MailDomains domains,
                     SignatureMails mails, Clock clock, Invitations invitations, ForeignMunicipalities foreign) {
        this.signatures = signatures;
        this.appeals = appeals;
        this.domains = domains;
        this.mails = mails;
        this.clock = clock;
        this.invitations = invitations;
        this.foreign = foreign;
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
        Signature s = outcome.signature();
        Trust trust = Trust.EMAIL_ONLY;
        TrustFlag flag = null;
        String domain = s.emailKey().substring(s.emailKey().lastIndexOf('@') + 1);
        String place = s.municipalityAgs() != null ? s.municipalityAgs()
                : signatures.findDistrictAgs(s.id()).orElse(null);
        if (place != null) {
            DomainTrust dt = domains.trustFor(s.emailKey(), place);
            switch (dt) {
                case OFFICIAL_DOMAIN -> trust = Trust.OFFICIAL_DOMAIN;
                case OTHER_MUNICIPALITY -> flag = TrustFlag.OTHER_MUNICIPALITY;
                case FREEMAIL -> flag = TrustFlag.FREEMAIL;
                default -> { }
            }
        } else if (domains.isFreemail(domain)) {
            flag = TrustFlag.FREEMAIL;
        }
        if (s.trust() == Trust.INVITED) {
            trust = Trust.INVITED;
        }
        String withdrawToken = Tokens.newToken();
        Signature confirmed = signatures.update(new Signature(s.id(), s.appealId(), SignatureStatus.CONFIRMED,
                s.email(), s.emailKey(), s.name(), s.role(), s.roleOther(), s.body(), s.municipalityAgs(),
                s.gebietsstand(), s.foreignMunicipalityId(), s.publicName(), s.privacyVersion(),
                s.privacyConsentAt(), s.language(), s.appealTextHash(), s.ipHash(), trust, flag,
                s.confirmTokenHash(), s.confirmExpiresAt(), Tokens.hash(withdrawToken), s.mailsSent() + 1,
                s.submittedAt(), now, null, s.createdAt(), now, s.version()));
        mails.confirmed(outcome.appeal(), confirmed, withdrawToken, Locale.forLanguageTag(s.language()));
        invitations.markSigned(s.appealId(), s.emailKey());
        if (s.foreignMunicipalityId() != null) {
            foreign.markListed(s.foreignMunicipalityId());
        }
        return new Outcome(State.CONFIRMED_NOW, confirmed, outcome.appeal());
    }

    private Outcome classify(Optional<Signature> found, Instant now) {
        if (found.isEmpty()) {
            return new Outcome(State.UNKNOWN, null, null);
        }
        Signature s = found.get();
        Appeal appeal = appeals.findById(s.appealId()).orElseThrow();
        return switch (s.status()) {
            case CONFIRMED -> new Outcome(State.ALREADY_CONFIRMED, s, appeal);
            case PENDING -> now.isBefore(s.confirmExpiresAt())
                    ? new Outcome(State.SHOW, s, appeal) : new Outcome(State.EXPIRED, s, appeal);
            default -> new Outcome(State.UNKNOWN, null, null);
        };
    }
}
