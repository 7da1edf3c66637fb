package de.mitzeichnen.alliance;

import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hourly, on one instance per period, with the retention jobs' settings: deletes declarations never
 * confirmed once their link expired more than the pending grace ago (as unconfirmed signatures go,
 * {@code mitzeichnen.retention.pending-grace}, 24 h), and erases the personal data (name, address,
 * own role words, the decline reason, the link's hash) of declarations the organiser decided more
 * than the retention days ago ({@code mitzeichnen.retention.days}, 180). What stays — place, role
 * word, basis, dates, trust, the decision — names nobody. Confirmed declarations still waiting for
 * a decision are kept until the organiser decides. Idempotent.
 */
@Singleton
class JoinRetention {

    static final int BATCH = 5000;

    private final JoinStore store;
    private final ScheduledJobs jobs;
    private final Clock clock;
    private final Duration interval;
    private final Duration pendingGrace;
    private final int retentionDays;

    JoinRetention(
            JoinStore store,
            ScheduledJobs jobs,
            Clock clock,
            @Value("${mitzeichnen.retention.job-interval:1h}") Duration interval,
            @Value("${mitzeichnen.retention.pending-grace:24h}") Duration pendingGrace,
            @Value("${mitzeichnen.retention.days:180}") int retentionDays) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.interval = interval;
        this.pendingGrace = pendingGrace;
        this.retentionDays = retentionDays;
    }

    @Scheduled(
            fixedDelay = "${mitzeichnen.retention.job-interval:1h}",
            initialDelay = "${mitzeichnen.retention.job-initial-delay:10m}")
    void tick() {
        jobs.runIfDue("alliance-join-retention", interval, this::run);
    }

    /** Both steps, in batches (each its own statement); returns how many rows were touched. */
    int run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int touched = 0;
        int n;
        do {
            n = store.purgeExpired(now.minus(pendingGrace), BATCH);
            touched += n;
        } while (n >= BATCH);
        do {
            n = store.eraseDecided(now.minus(Duration.ofDays(retentionDays)), now, BATCH);
            touched += n;
        } while (n >= BATCH);
        return touched;
    }
}
