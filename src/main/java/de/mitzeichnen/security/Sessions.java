package de.mitzeichnen.security;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Console sessions are signed JWTs in the cookie {@value #COOKIE} (Micronaut Security), so any
 * instance can check them without shared memory. Besides the framework's signature check, {@link
 * SessionValidator} ends a session after the idle timeout, after the maximum age, at logout
 * (recorded here, in the database), when the account is disabled, or when its password changes (the
 * account's session epoch moves on).
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "mz_session";
    public static final String PATH = "/verwaltung";

    /** Claims of the session token besides sub (account id), roles, iat (last seen) and exp. */
    static final String SESSION_ID = "sid";

    static final String EPOCH = "epoch";
    static final String LOGIN = "login";
    static final String ORGANISER = "org";
    static final String EMAIL = "email";
    static final String NAME = "name";

    private final SessionRevocationRepository revocations;
    private final SecurityConfig config;
    private final Clock clock;

    Sessions(SessionRevocationRepository revocations, SecurityConfig config, Clock clock) {
        this.revocations = revocations;
        this.config = config;
        this.clock = clock;
    }

    /** Ends the session for good, also where a copy of the cookie survives. */
    void end(Authentication session) {
        Instant now = clock.instant();
        revocations.deleteByExpiresAtLessThan(now);
        sessionId(session)
                .ifPresent(
                        id -> {
                            String hash = Secrets.sha256(id);
                            if (!revocations.existsById(hash)) {
                                Instant login = instant(session, LOGIN).orElse(now);
                                revocations.save(
                                        new SessionRevocation(
                                                hash, login.plus(config.getSessionMaxAge())));
                            }
                        });
    }

    boolean revoked(String sessionId) {
        return revocations.existsById(Secrets.sha256(sessionId));
    }

    static Optional<String> sessionId(Authentication session) {
        return Optional.ofNullable(session.getAttributes().get(SESSION_ID)).map(Object::toString);
    }

    static Optional<Instant> instant(Authentication session, String claim) {
        return number(session.getAttributes().get(claim)).map(Instant::ofEpochSecond);
    }

    /**
     * Claims come back from the token as numbers of some type, or as dates for the registered time
     * claims.
     */
    static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof Date d) {
            return Optional.of(d.toInstant().getEpochSecond());
        }
        if (value instanceof String s && s.matches("-?[0-9]{1,19}")) {
            return Optional.of(Long.parseLong(s));
        }
        return Optional.empty();
    }
}
