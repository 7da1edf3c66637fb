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
 * Checks a signed session token's times beyond its signature: idle timeout and maximum age (against
 * the application's clock, which tests move). Whether the session and the account still allow it is
 * {@link SessionAuthentication}'s part, which reads both rows once.
 */
@Singleton
class SessionValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final SecurityConfig config;
    private final Clock clock;

    SessionValidator(SecurityConfig config, Clock clock) {
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
        return !now.isAfter(
                        Instant.ofEpochSecond(lastSeen.get()).plus(config.getSessionIdleTimeout()))
                && !now.isAfter(Instant.ofEpochSecond(login.get()).plus(config.getSessionMaxAge()));
    }
}
