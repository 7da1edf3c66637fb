package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly (with the other retention jobs): erases contact persons that have not been used — added,
 * edited or invited — for {@code mitzeichnen.retention.contacts} (default 730 days), exactly as
 * „Kontakt löschen" does, recorded as expired. Contacts of a deleted alliance go with it (the
 * tables cascade). Idempotent.
 */
@Singleton
public class ContactRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ContactRetention.class);
    private static final int BATCH = 500;

    private final Contacts contacts;
    private final ContactStore store;
    private final Alliances alliances;
    private final ScheduledJobs jobs;
    private final Clock clock;
    private final Duration keep;
    private final Duration interval;

    ContactRetention(
            Contacts contacts,
            ContactStore store,
            Alliances alliances,
            ScheduledJobs jobs,
            Clock clock,
            @Value("${mitzeichnen.retention.contacts:730d}") Duration keep,
            @Value("${mitzeichnen.retention.job-interval:1h}") Duration interval) {
        if (keep.isNegative() || keep.isZero()) {
            throw new ConfigurationException(
                    "mitzeichnen.retention.contacts (MITZEICHNEN_RETENTION_CONTACTS) must be a positive"
                            + " duration such as 730d, not "
                            + keep);
        }
        this.contacts = contacts;
        this.store = store;
        this.alliances = alliances;
        this.jobs = jobs;
        this.clock = clock;
        this.keep = keep;
        this.interval = interval;
    }

    // one instance per period runs it (ScheduledJobs); the others skip
    @Scheduled(
            fixedDelay = "${mitzeichnen.retention.job-interval:1h}",
            initialDelay = "${mitzeichnen.retention.job-initial-delay:10m}")
    void tick() {
        jobs.runIfDue("alliance-contact-retention", interval, this::run);
    }

    /** Erases every contact unused for longer than the retention; returns how many. */
    public int run() {
        Instant before = clock.instant().minus(keep);
        int erased = 0;
        List<Contact> due;
        do {
            due = store.unusedSince(before, BATCH);
            for (Contact c : due) {
                // each on its own: one contact's trouble must not keep the others
                try {
                    Alliance alliance = alliances.byId(c.allianceId()).orElseThrow();
                    if (contacts.erase(alliance, c.id(), Actor.system(), true)) {
                        erased++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("Erasing contact {} after its retention failed", c.id(), e);
                    return erased;
                }
            }
        } while (due.size() == BATCH);
        if (erased > 0) {
            LOG.info("Erased {} contact person(s) unused for {}", erased, keep);
        }
        return erased;
    }
}
