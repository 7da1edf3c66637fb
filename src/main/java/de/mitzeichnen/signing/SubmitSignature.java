package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
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

    SubmitSignature(SubmitTransaction transaction, RateLimits limits) {
        this.transaction = transaction;
        this.limits = limits;
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
        boolean held = !invited && overALimit(appeal, request, ipHash);
        // Concurrent submissions of one address meet at the unique index; the next attempt finds
        // the row that won and treats this one as a repeat.
        return Conflicts.retried(
                () -> {
                    if (held) {
                        transaction.hold(appeal, request, locale, ipHash);
                        return Optional.empty();
                    }
                    return transaction.submit(appeal, request, locale, ipHash, invited);
                });
    }

    SignTarget.Resolved resolve(SignTarget target) {
        return transaction.resolve(target);
    }

    /** Both buckets take every submission, so tripping one does not spare the other. */
    private boolean overALimit(Appeal appeal, SignatureRequest request, String ipHash) {
        boolean overAddress =
                limited(
                        RateLimits.Kind.SIGN,
                        String.valueOf(ipHash) + "|" + appeal.id(),
                        limits.config().signLimit());
        boolean overDomain =
                limited(
                        RateLimits.Kind.SIGN_DOMAIN,
                        request.email().domain().ascii() + "|" + appeal.id(),
                        limits.config().signDomainLimit());
        return overAddress || overDomain;
    }

    private boolean limited(RateLimits.Kind kind, String key, Optional<Limit> limit) {
        return limits.take(kind, key, limit).isPresent();
    }
}
