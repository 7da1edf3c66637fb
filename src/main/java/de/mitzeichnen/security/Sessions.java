package de.mitzeichnen.security;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions in a signed cookie, so that any instance can check them without shared memory. A session
 * ends after the idle timeout (each request re-issues the cookie, at most once a minute), after the maximum
 * age, at logout (recorded in the database), when the account is disabled, or when its password changes.
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "mz_session";
    static final String PATH = "/verwaltung";
    private static final Duration REFRESH_AFTER = Duration.ofMinutes(1);

    /** The outcome of looking at a request's session cookie. */
    record Resolved(Optional<ConsoleUser> user, Optional<SessionCodec.Session> session, boolean cookieWasPresent,
                    Optional<Cookie> refreshed) {
    }

    private final SessionCodec codec;
    private final SecurityConfig config;
    private final MitzeichnenConfig appConfig;
    private final AccountRepository accounts;
    private final SessionRevocationRepository revocations;
    private final ClientIp clientIp;
    private final Clock clock;

    Sessions(Secrets secrets, SecurityConfig config, MitzeichnenConfig appConfig, AccountRepository accounts,
             SessionRevocationRepository revocations, ClientIp clientIp, Clock clock) {
        this.codec = new SessionCodec(secrets.key("session"));
        this.config = config;
        this.appConfig = appConfig;
        this.accounts = accounts;
        this.revocations = revocations;
        this.clientIp = clientIp;
        this.clock = clock;
    }

    /** The cookie of a new session for an account that has just proved who it is. */
    Cookie start(Account account) {
        Instant now = clock.instant();
        return cookie(codec.encode(new SessionCodec.Session(Secrets.randomToken(18), account.id(),
                account.sessionEpoch(), now, now)));
    }

    Resolved resolve(HttpRequest<?> request) {
        Optional<String> value = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        if (value.isEmpty()) {
            return new Resolved(Optional.empty(), Optional.empty(), false, Optional.empty());
        }
        Instant now = clock.instant();
        Optional<SessionCodec.Session> session = codec.decode(value.get()).filter(s -> current(s, now));
        Optional<Account> account = session.flatMap(s -> accounts.findById(s.accountId())
                .filter(Account::enabled)
                .filter(a -> a.sessionEpoch() == s.epoch()));
        if (account.isEmpty()) {
            return new Resolved(Optional.empty(), Optional.empty(), true, Optional.empty());
        }
        Account a = account.get();
        SessionCodec.Session s = session.get();
        ConsoleUser user = new ConsoleUser(a.id(), a.email(), a.displayName(), a.role(), a.organiserId(),
                clientIp.hash(request));
        Optional<Cookie> refreshed = Duration.between(s.lastSeen(), now).compareTo(REFRESH_AFTER) >= 0
                ? Optional.of(cookie(codec.encode(s.seenAt(now))))
                : Optional.empty();
        return new Resolved(Optional.of(user), session, true, refreshed);
    }

    private boolean current(SessionCodec.Session s, Instant now) {
        return !now.isAfter(s.lastSeen().plus(config.getSessionIdleTimeout()))
                && !now.isAfter(s.issuedAt().plus(config.getSessionMaxAge()))
                && !revocations.existsById(Secrets.sha256(s.id()));
    }

    /** Ends the request's session for good, also where a copy of the cookie survives. */
    void end(SessionCodec.Session session) {
        Instant now = clock.instant();
        revocations.deleteByExpiresAtLessThan(now);
        String hash = Secrets.sha256(session.id());
        if (!revocations.existsById(hash)) {
            revocations.save(new SessionRevocation(hash, session.issuedAt().plus(config.getSessionMaxAge())));
        }
    }

    /** A cookie that deletes the session cookie. */
    Cookie cleared() {
        return cookie("").maxAge(0);
    }

    private Cookie cookie(String value) {
        return Cookie.of(COOKIE, value).path(PATH).httpOnly(true).sameSite(SameSite.Lax)
                .secure(appConfig.isSecureBaseUrl());
    }
}
