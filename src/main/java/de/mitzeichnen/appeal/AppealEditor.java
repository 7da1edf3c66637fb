package de.mitzeichnen.appeal;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.organiser.Organisers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Creating, editing and moving appeals through their life cycle, with the rules of the console: the
 * address is unique and fixed once published; a published text changes only as a new version with a
 * reason; names, once kept private, stay private; concurrent changes are detected, never
 * overwritten.
 */
@Singleton
class AppealEditor {

    /**
     * Either the saved appeal or what is wrong (with the stored version, to resubmit after a
     * conflict).
     */
    record Outcome(
            @Nullable Appeal saved,
            @Nullable FormErrors errors,
            @Nullable Long currentVersion,
            boolean conflict) {
        static Outcome saved(Appeal a) {
            return new Outcome(a, null, null, false);
        }

        static Outcome rejected(FormErrors e, @Nullable Long version) {
            return new Outcome(null, e, version, false);
        }

        static Outcome conflicting(FormErrors e, @Nullable Long version) {
            return new Outcome(null, e, version, true);
        }

        boolean ok() {
            return saved != null;
        }
    }

    private final AppealRepository appeals;
    private final Organisers organisers;
    private final AppealStore store;
    private final Clock clock;

    AppealEditor(AppealRepository appeals, Organisers organisers, AppealStore store, Clock clock) {
        this.appeals = appeals;
        this.organisers = organisers;
        this.store = store;
        this.clock = clock;
    }

    Outcome create(ConsoleUser me, AppealForm.Input in) {
        Long organiserId = me.isPlatformAdmin() ? in.organiserId() : me.organiserId();
        FormErrors errors = new FormErrors();
        if (organiserId == null || organisers.current(organiserId).isEmpty()) {
            errors.field("organiserId", "console.appeal.error.organiser");
        }
        if (appeals.findBySlug(in.slug()).isPresent()) {
            errors.field("slug", "console.appeal.error.slugTaken");
        }
        if (!errors.isEmpty()) {
            return Outcome.rejected(errors, null);
        }
        try {
            return Outcome.saved(store.create(me, organiserId, in));
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return Outcome.rejected(
                        new FormErrors().field("slug", "console.appeal.error.slugTaken"), null);
            }
            throw e;
        }
    }

    Outcome update(ConsoleUser me, Appeal current, AppealForm.Input in) {
        FormErrors errors = new FormErrors();
        if (current.status() == AppealStatus.ARCHIVED) {
            return Outcome.conflicting(
                    errors.general("console.appeal.error.archived"), current.version());
        }
        if (!Objects.equals(in.version(), current.version())) {
            return Outcome.conflicting(
                    errors.general("console.appeal.error.conflict"), current.version());
        }
        boolean published = current.isPublic();
        if (!in.slug().equals(current.slug())) {
            if (published) {
                errors.field("slug", "console.appeal.error.slugFixed");
            } else if (appeals.findBySlug(in.slug()).isPresent()) {
                errors.field("slug", "console.appeal.error.slugTaken");
            }
        }
        boolean textChanged =
                !in.title().equals(current.title())
                        || !in.addressee().equals(current.addressee())
                        || !in.bodyMarkdown().equals(current.bodyMarkdown());
        if (published && textChanged && in.reason().isEmpty()) {
            errors.field("reason", "console.appeal.error.reasonRequired");
        }
        if (published && in.publishNames() && !current.publishNames()) {
            errors.field("publishNames", "console.appeal.error.publishNamesFixed");
        }
        if (!errors.isEmpty()) {
            return Outcome.rejected(errors, current.version());
        }
        try {
            return Outcome.saved(store.update(me, current, in));
        } catch (OptimisticLockException e) {
            return conflict(current.id());
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return Outcome.rejected(
                        new FormErrors().field("slug", "console.appeal.error.slugTaken"),
                        current.version());
            }
            throw e;
        }
    }

    Outcome publish(ConsoleUser me, Appeal a, @Nullable Long formVersion) {
        Instant now = clock.instant();
        if (a.status() != AppealStatus.DRAFT) {
            return refuse(a, "console.appeal.error.notDraft");
        }
        if (!a.deadline().isAfter(now)) {
            return refuse(a, "console.appeal.error.deadlinePassed");
        }
        return move(me, a, formVersion, AppealStatus.OPEN, "APPEAL_PUBLISHED");
    }

    Outcome close(ConsoleUser me, Appeal a, @Nullable Long formVersion) {
        if (a.statusAt(clock.instant()) != AppealStatus.OPEN) {
            return refuse(a, "console.appeal.error.notOpen");
        }
        return move(me, a, formVersion, AppealStatus.CLOSED, "APPEAL_CLOSED");
    }

    Outcome archive(ConsoleUser me, Appeal a, @Nullable Long formVersion) {
        if (a.statusAt(clock.instant()) != AppealStatus.CLOSED) {
            return refuse(a, "console.appeal.error.notClosed");
        }
        return move(me, a, formVersion, AppealStatus.ARCHIVED, "APPEAL_ARCHIVED");
    }

    private Outcome move(
            ConsoleUser me,
            Appeal a,
            @Nullable Long formVersion,
            AppealStatus target,
            String action) {
        if (!Objects.equals(formVersion, a.version())) {
            return Outcome.conflicting(
                    new FormErrors().general("console.appeal.error.conflict"), a.version());
        }
        try {
            return Outcome.saved(store.transition(me, a, target, action));
        } catch (OptimisticLockException e) {
            return conflict(a.id());
        }
    }

    private static Outcome refuse(Appeal a, String key) {
        return Outcome.conflicting(new FormErrors().general(key), a.version());
    }

    private Outcome conflict(long appealId) {
        Long now = appeals.findById(appealId).map(Appeal::version).orElse(null);
        return Outcome.conflicting(new FormErrors().general("console.appeal.error.conflict"), now);
    }
}
