package de.mitzeichnen.appeal;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.counting.SupportRecount;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The writes of appeal editing, each in one transaction with its version and audit entries. */
@Singleton
class AppealStore {

    private final AppealRepository appeals;
    private final AppealVersions versions;
    private final AuditLog audit;
    private final Clock clock;
    private final SupportRecount recount;

    AppealStore(
            AppealRepository appeals,
            AppealVersions versions,
            AuditLog audit,
            Clock clock,
            SupportRecount recount) {
        this.recount = recount;
        this.appeals = appeals;
        this.versions = versions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Appeal create(ConsoleUser me, long organiserId, AppealForm.Input in) {
        Instant now = clock.instant();
        Appeal appeal =
                appeals.save(
                        new Appeal(
                                null,
                                organiserId,
                                in.slug(),
                                in.title(),
                                in.addressee(),
                                in.bodyMarkdown(),
                                in.contactEmail(),
                                in.opensAt(),
                                in.deadline(),
                                in.graceSeconds(),
                                AppealStatus.DRAFT,
                                in.roles(),
                                in.publishNames(),
                                in.goal(),
                                in.publicCount(),
                                now,
                                now,
                                null));
        versions.first(appeal, me.accountId());
        audit.record(
                Actor.of(me),
                "APPEAL_CREATED",
                organiserId,
                appeal.id(),
                Map.of("slug", appeal.slug(), "title", appeal.title()));
        return appeal;
    }

    /**
     * Saves the edited appeal; with the stored version in {@code in.version()}, so that a
     * concurrent change makes the update fail (OptimisticLockException) and nothing is written.
     */
    @Transactional
    public Appeal update(ConsoleUser me, Appeal before, AppealForm.Input in) {
        Instant now = clock.instant();
        Appeal changed =
                new Appeal(
                        before.id(),
                        before.organiserId(),
                        in.slug(),
                        in.title(),
                        in.addressee(),
                        in.bodyMarkdown(),
                        in.contactEmail(),
                        sameMinute(before.opensAt(), in.opensAt()),
                        sameMinute(before.deadline(), in.deadline()),
                        in.graceSeconds() / 3600 == before.graceSeconds() / 3600
                                ? before.graceSeconds()
                                : in.graceSeconds(),
                        before.status(),
                        in.roles(),
                        in.publishNames(),
                        in.goal(),
                        in.publicCount(),
                        before.createdAt(),
                        now,
                        in.version());
        Appeal saved = appeals.update(changed);
        if (before.publicCount() != changed.publicCount()) {
            // what counts publicly changed: the aggregate is rebuilt from the signatures in this
            // transaction
            recount.recount(before.id());
        }
        List<String> fields = changedFields(before, changed);
        if (textChanged(before, changed)) {
            if (before.isPublic()) {
                AppealVersion v = versions.next(before, changed, in.reason(), now, me.accountId());
                audit.record(
                        Actor.of(me),
                        "APPEAL_VERSION_CREATED",
                        before.organiserId(),
                        before.id(),
                        Map.of(
                                "version",
                                v.versionNo(),
                                "reason",
                                in.reason(),
                                "hash",
                                v.textHash()));
            } else {
                versions.correctDraft(changed);
            }
        }
        if (!fields.isEmpty()) {
            audit.record(
                    Actor.of(me),
                    "APPEAL_UPDATED",
                    before.organiserId(),
                    before.id(),
                    Map.of("fields", String.join(",", fields)));
        }
        return saved;
    }

    /**
     * Moves the appeal to {@code target}; fails with OptimisticLockException if it changed
     * meanwhile.
     */
    @Transactional
    public Appeal transition(ConsoleUser me, Appeal appeal, AppealStatus target, String action) {
        Instant now = clock.instant();
        versions.current(appeal);
        Appeal moved = appeal.withStatus(target, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", appeal.status());
        details.put("to", target);
        if (target == AppealStatus.CLOSED && now.isBefore(appeal.deadline())) {
            // Closing early ends the signing now (the grace for confirmations counts from here);
            // the deadline the
            // appeal was published with stays on record and on the public page.
            moved = moved.closedEarly(now);
            details.put("plannedDeadline", appeal.deadline().toString());
        }
        Appeal saved = appeals.update(moved);
        audit.record(Actor.of(me), action, appeal.organiserId(), appeal.id(), details);
        return saved;
    }

    /**
     * The form shows times to the minute: an unchanged field keeps the stored instant (e.g.
     * 23:59:59) instead of being cut to 23:59:00 whenever something else on the form is saved.
     */
    private static Instant sameMinute(Instant stored, Instant entered) {
        return stored.truncatedTo(ChronoUnit.MINUTES).equals(entered) ? stored : entered;
    }

    static boolean textChanged(Appeal a, Appeal b) {
        return !a.title().equals(b.title())
                || !a.addressee().equals(b.addressee())
                || !a.bodyMarkdown().equals(b.bodyMarkdown());
    }

    private static List<String> changedFields(Appeal a, Appeal b) {
        List<String> f = new ArrayList<>();
        add(f, "title", a.title(), b.title());
        add(f, "slug", a.slug(), b.slug());
        add(f, "addressee", a.addressee(), b.addressee());
        add(f, "body", a.bodyMarkdown(), b.bodyMarkdown());
        add(f, "contactEmail", a.contactEmail(), b.contactEmail());
        add(f, "opensAt", a.opensAt(), b.opensAt());
        add(f, "deadline", a.deadline(), b.deadline());
        add(f, "grace", a.graceSeconds(), b.graceSeconds());
        add(f, "roles", a.allowedRoles(), b.allowedRoles());
        add(f, "publishNames", a.publishNames(), b.publishNames());
        add(f, "goal", a.goal(), b.goal());
        return f;
    }

    private static void add(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }
}
