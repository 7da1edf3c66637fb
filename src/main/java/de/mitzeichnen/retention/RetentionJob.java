package de.mitzeichnen.retention;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly: warns, anonymises and erases IP hashes for appeals past their deadline (see {@link
 * Retention}). Idempotent, so running it twice (two instances, a restart) changes nothing more.
 */
@Singleton
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Appeals appeals;
    private final Retention retention;
    private final Clock clock;
    private final ScheduledJobs jobs;
    private final Duration interval;

    RetentionJob(
            Appeals appeals,
            Retention retention,
            Clock clock,
            ScheduledJobs jobs,
            @Value("${mitzeichnen.retention.job-interval:1h}") Duration interval) {
        this.jobs = jobs;
        this.interval = interval;
        this.appeals = appeals;
        this.retention = retention;
        this.clock = clock;
    }

    // one instance per period runs it (ScheduledJobs); the others skip
    @Scheduled(
            fixedDelay = "${mitzeichnen.retention.job-interval:1h}",
            initialDelay = "${mitzeichnen.retention.job-initial-delay:10m}")
    void tick() {
        jobs.runIfDue("retention", interval, this::run);
    }

    public void run() {
        Instant now = clock.instant();
        for (Appeal appeal : appeals.inStatus(EnumSet.allOf(AppealStatus.class))) {
            if (appeal.deadline().isBefore(now)) {
                try {
                    retention.process(appeal, now);
                } catch (RuntimeException e) {
                    // one appeal's trouble must not stop the others; the next run tries again
                    LOG.error("Retention of appeal {} failed", appeal.id(), e);
                }
            }
        }
    }
}
