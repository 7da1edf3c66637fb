package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.ratelimit.Limit;
import de.mitzeichnen.ratelimit.RateLimits;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes a valid sign request. Whatever the state of the address — new, pending, confirmed — the
 * caller shows the same answer; what differs is only the mail that goes out (see {@link
 * SubmitTransaction}).
 */
@Singleton
class SubmitSignature {

    private final SubmitTransaction transaction;
    private final RateLimits limits;
    private final MailDomains domains;

    SubmitSignature(SubmitTransaction transaction, RateLimits limits, MailDomains domains) {
        this.transaction = transaction;
        this.limits = limits;
        this.domains = domains;
    }

    /**
     * Returns the confirmation token when signing through an invitation (see {@link
     * SubmitTransaction#submit}).
     */
    Optional<String> submit(
            Appeal appeal,
            SignatureRequest request,
            Locale locale,
            String ipHash,
            boolean invited) {
        // An invitation link proves the address already; everything else counts against the
        // limits. Beyond one, the submission is held silently (same answer, no mail) rather than
        // refused, so a bot learns nothing.
        boolean hold = !invited && overLimit(appeal, request, ipHash);
        // Concurrent submissions of one address meet at the unique index; the next attempt finds
        // the row that won and treats this one as a repeat.
        return Conflicts.retried(
                () -> {
                    if (hold) {
                        transaction.hold(appeal, request, locale, ipHash);
                        return Optional.empty();
                    }
                    return transaction.submit(appeal, request, locale, ipHash, invited);
                });
    }

    /**
     * Officials of one town hall or Land data centre share a client address: one whose mail domain
     * is registered for the place signed for has a limit of its own, far higher (the per-domain
     * limit still keeps a single domain in check).
     */
    private boolean overLimit(Appeal appeal, SignatureRequest request, String ipHash) {
        boolean official = official(request);
        boolean address =
                limited(
                        official ? RateLimits.Kind.SIGN_OFFICIAL : RateLimits.Kind.SIGN,
                        String.valueOf(ipHash) + "|" + appeal.id(),
                        official
                                ? limits.config().signOfficialLimit()
                                : limits.config().signLimit());
        // both buckets take their token, whatever the first said
        boolean domain =
                limited(
                        RateLimits.Kind.SIGN_DOMAIN,
                        request.email().domain().ascii() + "|" + appeal.id(),
                        limits.config().signDomainLimit());
        return address || domain;
    }

    private boolean official(SignatureRequest request) {
        String place =
                request.target() instanceof SignTarget.Municipality m
                        ? m.ags()
                        : request.target() instanceof SignTarget.District d ? d.ags() : null;
        return place != null
                && domains.trustFor(request.email().key(), place) == DomainTrust.OFFICIAL_DOMAIN;
    }

    private boolean limited(RateLimits.Kind kind, String key, Optional<Limit> limit) {
        return limits.take(kind, key, limit).isPresent();
    }
}
