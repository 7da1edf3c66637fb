package de.mitzeichnen.retention;

import de.mitzeichnen.scheduling.ScheduledJobs;
import de.mitzeichnen.signing.Signatures;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Hourly: deletes unconfirmed signatures whose link expired more than the grace (24 h) ago.
 * Idempotent.
 */
@Singleton
public class PendingPurgeJob {

    private final Signatures signatures;
    private final RetentionConfig config;
    private final Clock clock;
    private final ScheduledJobs jobs;
    private final Duration interval;

    PendingPurgeJob(
            Signatures signatures,
            RetentionConfig config,
            Clock clock,
            ScheduledJobs jobs,
            @Value("${mitzeichnen.retention.job-interval:1h}") Duration interval) {
        this.jobs = jobs;
        this.interval = interval;
        this.signatures = signatures;
        this.config = config;
        this.clock = clock;
    }

    // one instance per period runs it (ScheduledJobs); the others skip
    @Scheduled(
            fixedDelay = "${mitzeichnen.retention.job-interval:1h}",
            initialDelay = "${mitzeichnen.retention.job-initial-delay:10m}")
    void tick() {
        jobs.runIfDue("pending-purge", interval, this::run);
    }

    public void run() {
        // a large backlog goes in batches of 5,000, each its own transaction
        int deleted;
        do {
            deleted = signatures.purgeExpired(clock.instant().minus(config.getPendingGrace()));
        } while (deleted >= 5000);
    }
}
