package de.mitzeichnen.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.generator.claims.JWTClaimsSetGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session token's times come from the application's clock (tests move it): issued = last seen,
 * expiry = the sooner of idle timeout and maximum age. {@link SessionValidator} checks them against
 * the same clock.
 */
@Singleton
@Replaces(JWTClaimsSetGenerator.class)
class SessionTokens extends JWTClaimsSetGenerator {

    private final SecurityConfig config;
    private final Clock clock;

    SessionTokens(
            TokenConfiguration tokenConfiguration,
            @Nullable JtiGenerator jtiGenerator,
            @Nullable ClaimsAudienceProvider audienceProvider,
            @Nullable ApplicationConfiguration applicationConfiguration,
            SecurityConfig config,
            Clock clock) {
        super(tokenConfiguration, jtiGenerator, audienceProvider, applicationConfiguration);
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> generateClaims(
            Authentication authentication, @Nullable Integer expiration) {
        return seenNow(super.generateClaims(authentication, expiration));
    }

    /** The claims of a session seen just now: issued now, expiring at the next timeout. */
    Map<String, Object> seenNow(Map<String, ?> claims) {
        Map<String, Object> out = new LinkedHashMap<>(claims);
        Instant now = clock.instant();
        Instant login =
                Sessions.number(claims.get(Sessions.LOGIN)).map(Instant::ofEpochSecond).orElse(now);
        Instant idle = now.plus(config.getSessionIdleTimeout());
        Instant max = login.plus(config.getSessionMaxAge());
        out.put("iat", now.getEpochSecond());
        out.put("nbf", now.getEpochSecond());
        out.put("exp", (idle.isBefore(max) ? idle : max).getEpochSecond());
        out.replaceAll((k, v) -> v instanceof Date d ? d.toInstant().getEpochSecond() : v);
        return out;
    }
}
