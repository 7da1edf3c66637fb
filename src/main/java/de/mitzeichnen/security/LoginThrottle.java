package de.mitzeichnen.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing without locking anyone out: failures are counted per (e-mail
 * address, client address) and per client address, never per e-mail address alone, so that wrong
 * passwords from one address do not block the right one from another. Beyond a threshold each
 * further attempt waits a growing delay after the last failure (one minute, doubling, at most
 * {@link SecurityConfig#getFailureWindow()}, default 15 min): after {@link
 * SecurityConfig#getMaxFailuresPerAccount()} (5) for one pair, after {@link
 * SecurityConfig#getMaxFailuresPerAddress()} (20) for one client address. Counted in the database,
 * so all instances count together. The password-reset link is never throttled here.
 */
@Singleton
class LoginThrottle {

    /**
     * ACCOUNT: this e-mail address from this client address; ADDRESS: the client address as a
     * whole.
     */
    enum Block {
        ACCOUNT,
        ADDRESS
    }

    /** Failures older than this no longer count. */
    static final Duration LOOKBACK = Duration.ofDays(1);

    static final Duration FIRST_DELAY = Duration.ofMinutes(1);

    private final LoginFailureRepository failures;
    private final SecurityConfig config;
    private final Clock clock;

    LoginThrottle(LoginFailureRepository failures, SecurityConfig config, Clock clock) {
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /** Why and how long an attempt of this pair must wait, if it must. */
    record Wait(Block block, Duration duration) {}

    Optional<Wait> wait(String emailHash, String ipHash) {
        Instant now = clock.instant();
        Instant since = now.minus(LOOKBACK);
        long pair = failures.countByEmailHashAndIpHashAndAtGreaterThan(emailHash, ipHash, since);
        if (pair >= config.getMaxFailuresPerAccount()) {
            Optional<Duration> left =
                    left(
                            pair - config.getMaxFailuresPerAccount(),
                            failures.findFirstByEmailHashAndIpHashOrderByAtDesc(emailHash, ipHash),
                            now);
            if (left.isPresent()) {
                return Optional.of(new Wait(Block.ACCOUNT, left.get()));
            }
        }
        long address = failures.countByIpHashAndAtGreaterThan(ipHash, since);
        if (address >= config.getMaxFailuresPerAddress()) {
            Optional<Duration> left =
                    left(
                            address - config.getMaxFailuresPerAddress(),
                            failures.findFirstByIpHashOrderByAtDesc(ipHash),
                            now);
            if (left.isPresent()) {
                return Optional.of(new Wait(Block.ADDRESS, left.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The delay after the last failure: 1 min for the first beyond the threshold, doubling up to
     * the maximum.
     */
    static Duration delay(long beyond, Duration max) {
        Duration d = FIRST_DELAY.multipliedBy(1L << Math.min(beyond, 20));
        return d.compareTo(max) > 0 ? max : d;
    }

    private Optional<Duration> left(long beyond, Optional<LoginFailure> last, Instant now) {
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Instant until = last.get().at().plus(delay(beyond, config.getFailureWindow()));
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    void failed(String emailHash, String ipHash) {
        Instant now = clock.instant();
        failures.save(new LoginFailure(null, now, emailHash, ipHash));
        // Housekeeping: nothing older than the look-back is ever counted again.
        failures.deleteByAtLessThan(now.minus(LOOKBACK).minus(LOOKBACK));
    }

    /** A successful login forgives the failures of this e-mail address from this client address. */
    void succeeded(String emailHash, String ipHash) {
        failures.deleteByEmailHashAndIpHash(emailHash, ipHash);
    }

    /**
     * A successful login, client address unknown: forgives the e-mail address's failures from
     * everywhere.
     */
    void succeeded(String emailHash) {
        failures.deleteByEmailHash(emailHash);
    }
}
