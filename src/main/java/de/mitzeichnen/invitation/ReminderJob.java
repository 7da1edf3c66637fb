package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealRepository;
import de.mitzeichnen.appeal.AppealStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;

/** Sends the automatic reminders that are due. Safe with several instances: invitations are locked while reminded. */
@Singleton
class ReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    private final AppealRepository appeals;
    private final Invitations invitations;
    private final boolean automatic;

    ReminderJob(AppealRepository appeals, Invitations invitations,
                @Value("${mitzeichnen.invitations.automatic-reminders:true}") boolean automatic) {
        this.appeals = appeals;
        this.invitations = invitations;
        this.automatic = automatic;
    }

    @Scheduled(fixedDelay = "${mitzeichnen.invitations.reminder-interval:10m}", initialDelay = "1m")
    void run() {
        // Off in tests: they move the clock and call runOnce() themselves.
        if (automatic) {
            runOnce();
        }
    }

    int runOnce() {
        int sent = 0;
        for (Appeal appeal : appeals.findByStatusInOrderByDeadlineAsc(EnumSet.of(AppealStatus.OPEN))) {
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
