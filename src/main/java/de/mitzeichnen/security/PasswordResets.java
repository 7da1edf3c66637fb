package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.ratelimit.RateLimits;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Password reset by a mailed link: 256 random bits, stored only as SHA-256, valid for one hour and
 * once. A new link for the same account is issued at most every five minutes (against mail floods);
 * whether an address has an account is never shown to the requester.
 */
@Singleton
public class PasswordResets {

    static final Duration VALID = Duration.ofHours(1);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(5);

    /** A link to send: the raw token exists only here and in the mail. */
    public record Issued(Account account, String token, String link, Instant expiresAt) {}

    private final PasswordResetRepository resets;
    private final AccountRepository accounts;
    private final Passwords passwords;
    private final Sessions sessions;
    private final PasswordResetMail mail;
    private final AuditLog audit;
    private final MitzeichnenConfig config;
    private final Clock clock;
    private final RateLimits limits;

    PasswordResets(
            PasswordResetRepository resets,
            AccountRepository accounts,
            Passwords passwords,
            Sessions sessions,
            PasswordResetMail mail,
            AuditLog audit,
            MitzeichnenConfig config,
            Clock clock,
            RateLimits limits) {
        this.limits = limits;
        this.resets = resets;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.mail = mail;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Mails a new link to the enabled account with this address (in the requester's language);
     * nothing for unknown or disabled addresses or when a link went out less than five minutes ago.
     */
    @Transactional
    public Optional<Issued> request(String email, String ipHash, Locale locale) {
        // Counted for any address, account or not, so that the 429 tells nothing about accounts.
        limits.require(RateLimits.Kind.RESET_ADDRESS, ipHash, limits.config().resetLimit());
        limits.require(
                RateLimits.Kind.RESET_ACCOUNT,
                Account.normaliseEmail(email),
                limits.config().resetLimit());
        Optional<Account> account =
                accounts.findByEmail(Account.normaliseEmail(email)).filter(Account::enabled);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Account a = account.get();
        Instant now = clock.instant();
        if (resets.existsByAccountIdAndCreatedAtGreaterThanAndUsedAtIsNull(
                a.id(), now.minus(MIN_INTERVAL))) {
            return Optional.empty();
        }
        Issued issued = issue(a, now);
        mail.send(issued, locale);
        audit.record(
                new Actor(a.id(), a.email(), ipHash),
                "PASSWORD_RESET_REQUESTED",
                a.organiserId(),
                null);
        return Optional.of(issued);
    }

    Issued issue(Account account, Instant now) {
        String token = Secrets.randomToken(32);
        Instant expires = now.plus(VALID);
        resets.save(
                new PasswordReset(null, account.id(), Secrets.sha256(token), now, expires, null));
        return new Issued(
                account, token, config.getBaseUrl() + LoginPages.RESET + "/" + token, expires);
    }

    /** The account a link belongs to, if the link can still be used. */
    public Optional<Account> accountFor(String token) {
        return usable(token)
                .flatMap(r -> accounts.findById(r.accountId()))
                .filter(Account::enabled);
    }

    /**
     * Sets the new password if the link is still usable: marks it used first (so that two
     * submissions cannot both succeed), ends the account's sessions and its other links. Empty when
     * the link was not usable.
     */
    @Transactional
    public Optional<Account> reset(String token, String newPassword, String ipHash) {
        Optional<PasswordReset> reset = usable(token);
        Optional<Account> account =
                reset.flatMap(r -> accounts.findById(r.accountId())).filter(Account::enabled);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (resets.markUsed(reset.get().id(), now) != 1) {
            return Optional.empty();
        }
        resets.markAllUsed(account.get().id(), now);
        Account changed =
                accounts.update(account.get().withPassword(passwords.hash(newPassword), now));
        int ended = sessions.endAll(changed.id());
        audit.record(
                new Actor(changed.id(), changed.email(), ipHash),
                "PASSWORD_RESET",
                changed.organiserId(),
                null,
                Map.of("sessionsEnded", ended));
        return Optional.of(changed);
    }

    private Optional<PasswordReset> usable(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{40,64}")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return resets.findByTokenHash(Secrets.sha256(token))
                .filter(r -> r.usedAt() == null && now.isBefore(r.expiresAt()));
    }
}
