package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the automatic reminders that are due. One instance per period runs it (ScheduledJobs);
 * invitations are locked while reminded as well.
 */
@Singleton
class ReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    private final Appeals appeals;
    private final Invitations invitations;
    private final boolean automatic;
    private final ScheduledJobs jobs;
    private final Duration interval;

    ReminderJob(
            Appeals appeals,
            Invitations invitations,
            @Value("${mitzeichnen.invitations.automatic-reminders:true}") boolean automatic,
            ScheduledJobs jobs,
            @Value("${mitzeichnen.invitations.reminder-interval:10m}") Duration interval) {
        this.appeals = appeals;
        this.invitations = invitations;
        this.automatic = automatic;
        this.jobs = jobs;
        this.interval = interval;
    }

    @Scheduled(fixedDelay = "${mitzeichnen.invitations.reminder-interval:10m}", initialDelay = "1m")
    void run() {
        // Off in tests: they move the clock and call runOnce() themselves.
        if (automatic) {
            jobs.runIfDue("invitation-reminders", interval, this::runOnce);
        }
    }

    int runOnce() {
        int sent = 0;
        for (Appeal appeal : appeals.inStatus(EnumSet.of(AppealStatus.OPEN))) {
            try {
                sent += invitations.remindDue(appeal);
            } catch (RuntimeException e) {
                LOG.error("Reminders for appeal {} failed; next run tries again", appeal.id(), e);
            }
        }
        if (sent > 0) {
            LOG.info("Sent {} automatic reminder(s)", sent);
        }
        return sent;
    }
}
