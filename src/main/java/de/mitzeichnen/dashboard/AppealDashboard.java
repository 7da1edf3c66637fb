package de.mitzeichnen.dashboard;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.audit.AuditEntry;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.audit.AuditWords;
import de.mitzeichnen.counting.SupportCounts;
import de.mitzeichnen.invitation.Invitations;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.transparency.PublicSupport;
import de.mitzeichnen.transparency.TimelineChart;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the organiser's first page of an appeal shows, read through the owning features' APIs:
 * the public count from signing's aggregate (the same figures the public sees), the submissions a
 * rate limit held (nobody else tells the organiser that signers got no mail), the timeline from
 * transparency, the invitation funnel and reminder days from invitation, the latest entries from
 * the audit log.
 */
@Singleton
class AppealDashboard {

    static final int RECENT = 10;

    /**
     * A planned reminder: so many days before the deadline, at that instant; {@code past} once it
     * is due.
     */
    record Reminder(int days, Instant at, boolean past) {}

    /** One line of recent activity, in words. */
    record Activity(AuditEntry entry, String action, Map<String, Object> details) {}

    record View(
            Appeal appeal,
            AppealStatus status,
            SupportCounts.Counts counts,
            @Nullable Integer goal,
            int goalPercent,
            List<SupportCounts.LandCount> byLand,
            List<PublicSupport.Day> days,
            TimelineChart chart,
            Invitations.Progress invitations,
            List<Reminder> reminders,
            List<Activity> recent,
            Signatures.HeldTotals held,
            List<DashboardSection.Section> sections) {}

    private final SupportCounts counts;
    private final Signatures signatures;
    private final PublicSupport support;
    private final Invitations invitations;
    private final AuditLog audit;
    private final AuditWords words;
    private final Texts texts;
    private final Clock clock;
    private final List<DashboardSection> sections;

    AppealDashboard(
            SupportCounts counts,
            Signatures signatures,
            PublicSupport support,
            Invitations invitations,
            AuditLog audit,
            AuditWords words,
            Texts texts,
            Clock clock,
            List<DashboardSection> sections) {
        this.sections = sections;
        this.counts = counts;
        this.signatures = signatures;
        this.support = support;
        this.invitations = invitations;
        this.audit = audit;
        this.words = words;
        this.texts = texts;
        this.clock = clock;
    }

    View of(Appeal appeal, Locale locale) {
        Instant now = clock.instant();
        SupportCounts.Counts c = counts.of(appeal.id());
        Integer goal = appeal.goal();
        // The goal counts supporting places: municipalities and Kreise alike.
        long places = c.municipalities() + c.districts();
        int percent = goal == null || goal <= 0 ? 0 : (int) Math.min(100, places * 100 / goal);
        List<PublicSupport.Day> days = support.timeline(appeal);
        List<Reminder> reminders =
                invitations.reminderDays(appeal.id()).stream()
                        .map(
                                d -> {
                                    Instant at = appeal.deadline().minus(Duration.ofDays(d));
                                    return new Reminder(
                                            d,
                                            at,
                                            !now.isBefore(at) || !appeal.acceptsSignatures(now));
                                })
                        .toList();
        List<Activity> recent =
                audit.latestOfAppeal(appeal.id(), RECENT).stream()
                        .map(
                                e ->
                                        new Activity(
                                                e,
                                                label(locale, e.action()),
                                                words.describe(audit.details(e), locale)))
                        .toList();
        return new View(
                appeal,
                appeal.statusAt(now),
                c,
                goal,
                percent,
                counts.byLand(appeal.id()),
                days,
                TimelineChart.of(days),
                invitations.progress(appeal.id()),
                reminders,
                recent,
                signatures.heldTotals(appeal.id()),
                sections.stream().flatMap(x -> x.section(appeal, locale).stream()).toList());
    }

    /** The action in words, or its name for actions this version does not know. */
    private String label(Locale locale, String action) {
        String key = "audit.action." + action;
        String text = texts.get(locale, key);
        return text.equals(key) ? action : text;
    }
}
