package de.mitzeichnen.alliance;

import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.ratelimit.Limit;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.ratelimit.TooManyRequests;
import de.mitzeichnen.signing.SigningConfig;
import de.mitzeichnen.signing.Tokens;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Takes a checked declaration: stores it unconfirmed and mails the link, in one transaction.
 * Whatever the state of the address, the caller shows the same answer. The same address declaring
 * again for the alliance before confirming gets fresh data and a fresh link (at most as many mails
 * as a signature gets; beyond, nothing changes and the last link stays valid).
 */
@Singleton
class JoinSubmission {

    private final JoinStore store;
    private final JoinMails mails;
    private final SigningConfig signing;
    private final RateLimits limits;
    private final MailDomains domains;
    private final Clock clock;

    JoinSubmission(
            JoinStore store,
            JoinMails mails,
            SigningConfig signing,
            RateLimits limits,
            MailDomains domains,
            Clock clock) {
        this.store = store;
        this.mails = mails;
        this.signing = signing;
        this.limits = limits;
        this.domains = domains;
        this.clock = clock;
    }

    /**
     * The sign form's limits, in buckets of their own per alliance: per client address (far higher
     * for an address on the place's official domain, as town halls share one client address) and
     * per mail domain. Beyond them the form answers 429 with the time to wait: unlike a signature,
     * a declaration counts nowhere, so there is nothing a bot could learn from the refusal.
     *
     * @throws TooManyRequests when a limit is reached (before anything is stored)
     */
    void requireWithinLimits(Alliance alliance, JoinRequest request, String ipHash) {
        String place = placeKey(request.target());
        boolean official =
                place != null
                        && domains.trustFor(request.email().key(), place)
                                == DomainTrust.OFFICIAL_DOMAIN;
        String scope = "|alliance-join|" + alliance.id();
        Optional<Duration> address =
                take(
                        official ? RateLimits.Kind.SIGN_OFFICIAL : RateLimits.Kind.SIGN,
                        ipHash + scope,
                        official
                                ? limits.config().signOfficialLimit()
                                : limits.config().signLimit());
        // both buckets take their token, whatever the first said
        Optional<Duration> domain =
                take(
                        RateLimits.Kind.SIGN_DOMAIN,
                        request.email().domain().ascii() + scope,
                        limits.config().signDomainLimit());
        Optional<Duration> wait =
                Stream.of(address, domain).flatMap(Optional::stream).max(Duration::compareTo);
        if (wait.isPresent()) {
            throw new TooManyRequests(wait.get());
        }
    }

    private Optional<Duration> take(RateLimits.Kind kind, String key, Optional<Limit> limit) {
        return limits.take(kind, key, limit);
    }

    @Transactional
    void submit(Alliance alliance, JoinRequest r, Locale locale) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token = Tokens.newToken();
        JoinStore.NewJoin in =
                new JoinStore.NewJoin(
                        alliance.id(),
                        r.target(),
                        r.role(),
                        r.roleOther(),
                        r.name(),
                        r.email().address(),
                        r.email().key(),
                        r.decisionKind(),
                        r.decidedOn(),
                        r.decisionNumber(),
                        locale.getLanguage(),
                        signing.getPrivacyVersion(),
                        Tokens.hash(token),
                        now.plus(signing.getTokenValidity()));
        Optional<JoinDeclaration> pending =
                store.pendingOfAddressForUpdate(alliance.id(), r.email().key());
        long id;
        if (pending.isPresent()) {
            if (pending.get().mailsSent() >= signing.getMaxMailsPerSignature()) {
                return;
            }
            JoinTransition.RESUBMIT.apply(pending.get().state(), JoinState.PENDING_CONFIRMATION);
            id = pending.get().id();
            store.resubmit(id, in, now);
        } else {
            id = store.insert(in, now);
        }
        mails.confirmation(alliance, store.byId(alliance.id(), id).orElseThrow(), token);
        store.countMail(id);
    }

    static String placeKey(MemberTarget target) {
        if (target instanceof MemberTarget.Municipality m) {
            return m.ags();
        }
        return target instanceof MemberTarget.District d ? d.key() : null;
    }
}
