package de.mitzeichnen.retention;

import de.mitzeichnen.signing.Signatures;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Hourly: deletes unconfirmed signatures whose link expired more than the grace (24 h) ago. Idempotent. */
@Singleton
public class PendingPurgeJob {

    private final Signatures signatures;
    private final RetentionConfig config;
    private final Clock clock;

    PendingPurgeJob(Signatures signatures, RetentionConfig config, Clock clock) {
        this.signatures = signatures;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mitzeichnen.retention.job-interval:1h}",
            initialDelay = "${mitzeichnen.retention.job-initial-delay:10m}")
    public void run() {
        // a large backlog goes in batches of 5,000, each its own transaction
        int deleted;
        do {
            deleted = signatures.purgeExpired(clock.instant().minus(config.getPendingGrace()));
        } while (deleted >= 5000);
    }
}
