package de.mitzeichnen.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a signed session token beyond its signature: idle timeout and maximum age (against the
 * application's clock), logout (revocation), a disabled account or a changed password (session
 * epoch). Runs where the framework validates tokens, on the blocking pool
 * (micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking).
 */
@Singleton
class SessionValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final AccountRepository accounts;
    private final Sessions sessions;
    private final SecurityConfig config;
    private final Clock clock;

    SessionValidator(
            AccountRepository accounts, Sessions sessions, SecurityConfig config, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Instant now = clock.instant();
        Optional<Long> lastSeen = Sessions.number(claims.get(Claims.ISSUED_AT));
        Optional<Long> login = Sessions.number(claims.get(Sessions.LOGIN));
        Optional<Long> epoch = Sessions.number(claims.get(Sessions.EPOCH));
        Optional<Long> account = Sessions.number(claims.get(Claims.SUBJECT));
        Object sessionId = claims.get(Sessions.SESSION_ID);
        if (lastSeen.isEmpty()
                || login.isEmpty()
                || epoch.isEmpty()
                || account.isEmpty()
                || sessionId == null) {
            return false;
        }
        if (now.isAfter(Instant.ofEpochSecond(lastSeen.get()).plus(config.getSessionIdleTimeout()))
                || now.isAfter(Instant.ofEpochSecond(login.get()).plus(config.getSessionMaxAge()))
                || sessions.revoked(sessionId.toString())) {
            return false;
        }
        return accounts.findById(account.get())
                .filter(Account::enabled)
                .filter(a -> a.sessionEpoch() == epoch.get())
                .isPresent();
    }
}
