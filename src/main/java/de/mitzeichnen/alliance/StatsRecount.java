package de.mitzeichnen.alliance;

import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Rolls every alliance's numbers up again now and then: a new register changes inhabitants and
 * Länder without any membership changing. One instance per period (ScheduledJobs).
 */
@Singleton
class StatsRecount {

    private final AllianceRepository alliances;
    private final StatsLedger ledger;
    private final ScheduledJobs jobs;
    private final Duration interval;

    StatsRecount(
            AllianceRepository alliances,
            StatsLedger ledger,
            ScheduledJobs jobs,
            @Value("${mitzeichnen.alliance.recount-interval:1h}") Duration interval) {
        this.alliances = alliances;
        this.ledger = ledger;
        this.jobs = jobs;
        this.interval = interval;
    }

    @Scheduled(initialDelay = "10m", fixedDelay = "${mitzeichnen.alliance.recount-interval:1h}")
    void tick() {
        jobs.runIfDue("alliance-recount", interval, this::recountAll);
    }

    void recountAll() {
        for (Alliance a : alliances.findAll()) {
            ledger.refresh(a.id());
        }
    }
}
