package de.mitzeichnen.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.github.bucket4j.mysql.MySQLSelectForUpdateBasedProxyManager;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Token buckets in the database table {@code bucket} (Bucket4j, one row per key, locked with SELECT
 * … FOR UPDATE), so that all instances count together. Buckets refill greedily: {@code 5/5m} allows
 * a burst of five, then one more each minute. Time is the application's clock, so tests can move
 * it.
 */
@Singleton
public class RateLimits {

    /** What a limit is kept for; part of the bucket's key. */
    public enum Kind {
        SIGN,
        SIGN_OFFICIAL,
        SIGN_DOMAIN,
        CONFIRM,
        INVITE,
        RESET_ACCOUNT,
        RESET_ADDRESS,
        FEEDBACK
    }

    private final MySQLSelectForUpdateBasedProxyManager<String> buckets;
    private final LimitsConfig config;

    RateLimits(DataSource dataSource, LimitsConfig config, Clock clock) {
        this.config = config;
        // The pool itself, not the transaction-aware wrapper: Bucket4j commits its own short
        // transactions and must
        // never commit (or wait on) the caller's.
        this.buckets =
                Bucket4jMySQL.selectForUpdateBasedBuilder(
                                DelegatingDataSource.unwrapDataSource(dataSource))
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("bucket")
                        .idColumn("id")
                        .stateColumn("state")
                        .expiresAtColumn("expires_at")
                        .expirationAfterWrite(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofMinutes(1)))
                        .clientClock(
                                new TimeMeter() {
                                    @Override
                                    public long currentTimeNanos() {
                                        return clock.millis() * 1_000_000L;
                                    }

                                    @Override
                                    public boolean isWallClockBased() {
                                        return true;
                                    }
                                })
                        .build();
    }

    public LimitsConfig config() {
        return config;
    }

    /**
     * Takes one event from the bucket of {@code key} under {@code limit}; empty when allowed (or
     * the limit is off), else how long until the next event would be allowed.
     */
    public Optional<Duration> take(Kind kind, String key, Optional<Limit> limit) {
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Limit l = limit.get();
        BucketConfiguration configuration =
                BucketConfiguration.builder()
                        .addLimit(b -> b.capacity(l.count()).refillGreedy(l.count(), l.period()))
                        .build();
        ConsumptionProbe probe =
                buckets.builder()
                        .build(bucketKey(kind, key, l), () -> configuration)
                        .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Like {@link #take}, but throws {@link TooManyRequests} (answered with 429) when the limit is
     * reached.
     */
    public void require(Kind kind, String key, Optional<Limit> limit) {
        Optional<Duration> wait = take(kind, key, limit);
        if (wait.isPresent()) {
            throw new TooManyRequests(wait.get());
        }
    }

    /** Removes buckets that have been full for a while (they would start full anyway). */
    public int removeExpired() {
        return buckets.removeExpired(1000);
    }

    /**
     * Kind, limit and a hash of the key: bounded length, and a changed limit starts a fresh bucket.
     */
    private static String bucketKey(Kind kind, String key, Limit limit) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return kind.name()
                    + ":"
                    + limit.count()
                    + "/"
                    + limit.period().toSeconds()
                    + ":"
                    + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
