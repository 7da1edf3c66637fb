package de.mitzeichnen.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Slows down password guessing: after too many failures within the window, for one e-mail address (whether an
 * account has it or not, so the answer tells nothing) or from one client address, logins are refused without
 * checking the password. Counted in the database, so that all instances count together.
 */
@Singleton
class LoginThrottle {

    enum Block { NONE, ACCOUNT, ADDRESS }

    private final LoginFailureRepository failures;
    private final SecurityConfig config;
    private final Clock clock;

    LoginThrottle(LoginFailureRepository failures, SecurityConfig config, Clock clock) {
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    Block check(String emailHash, String ipHash) {
        Instant since = clock.instant().minus(config.getFailureWindow());
        if (failures.countByEmailHashAndAtGreaterThan(emailHash, since) >= config.getMaxFailuresPerAccount()) {
            return Block.ACCOUNT;
        }
        if (failures.countByIpHashAndAtGreaterThan(ipHash, since) >= config.getMaxFailuresPerAddress()) {
            return Block.ADDRESS;
        }
        return Block.NONE;
    }

    void failed(String emailHash, String ipHash) {
        Instant now = clock.instant();
        failures.save(new LoginFailure(null, now, emailHash, ipHash));
        // Housekeeping: nothing older than the window is ever counted again.
        failures.deleteByAtLessThan(now.minus(config.getFailureWindow()).minus(config.getFailureWindow()));
    }

    /** A successful login forgives the address's earlier failures for that account (not the client's). */
    void succeeded(String emailHash) {
        failures.deleteByEmailHash(emailHash);
    }
}
