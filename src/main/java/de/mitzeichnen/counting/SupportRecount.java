package de.mitzeichnen.counting;

import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each appeal's aggregate with its signatures and repairs any drift (a bug, a hand edit in
 * the database), logging a WARN line with the old and new numbers. Also fills the aggregate after
 * an upgrade.
 */
@Singleton
public class SupportRecount {

    private static final Logger LOG = LoggerFactory.getLogger(SupportRecount.class);

    private final SupportLedger ledger;
    private final SupportCounts counts;
    private final SupportSource source;
    private final ScheduledJobs jobs;
    private final Duration interval;

    SupportRecount(
            SupportLedger ledger,
            SupportCounts counts,
            SupportSource source,
            ScheduledJobs jobs,
            @Value("${mitzeichnen.support.recount-interval:10m}") Duration interval) {
        this.ledger = ledger;
        this.counts = counts;
        this.source = source;
        this.jobs = jobs;
        this.interval = interval;
    }

    // one instance per period recounts (ScheduledJobs); the others skip
    @Scheduled(
            initialDelay = "${mitzeichnen.support.recount-initial-delay:5s}",
            fixedDelay = "${mitzeichnen.support.recount-interval:10m}")
    void tick() {
        jobs.runIfDue("support-recount", interval, this::recountAll);
    }

    void recountAll() {
        for (long appealId : source.countedAppeals()) {
            recount(appealId);
        }
    }

    /**
     * Recounts one appeal under its aggregate lock; returns whether the stored numbers were wrong.
     */
    @Transactional
    public boolean recount(long appealId) {
        ledger.lock(appealId);
        SupportCounts.Counts before = counts.of(appealId);
        ledger.rebuildPlaces(appealId, source.places(appealId));
        ledger.rollUp(appealId);
        SupportCounts.Counts after = counts.of(appealId);
        if (!before.equals(after)) {
            LOG.warn(
                    "Support counts of appeal {} drifted: stored {}, recounted {}",
                    appealId,
                    before,
                    after);
            return true;
        }
        return false;
    }
}
