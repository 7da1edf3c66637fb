package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.PublicCacheConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Alliances themselves: creating and editing one (audited), and finding them — for the console by
 * the organisation that runs them, for the public only the public ones. The address is unique and,
 * once the alliance is public, fixed (links to it are out in the world).
 */
@Singleton
public class Alliances {

    /** The saved alliance, or what is wrong (and whether it is a conflict with another change). */
    public record Outcome(@Nullable Alliance saved, @Nullable FormErrors errors, boolean conflict) {
        public boolean ok() {
            return saved != null;
        }
    }

    private final AllianceRepository repository;
    private final StatsLedger ledger;
    private final Organisers organisers;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<String, Optional<Alliance>> bySlug;

    Alliances(
            AllianceRepository repository,
            StatsLedger ledger,
            Organisers organisers,
            AuditLog audit,
            PublicCacheConfig cache,
            Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.organisers = organisers;
        this.audit = audit;
        this.clock = clock;
        // as stale as a rendered page may be: every public answer looks its alliance up
        this.bySlug = cache.shortLived(repository::findBySlug, 1_000);
    }

    public Optional<Alliance> byId(long id) {
        return repository.findById(id);
    }

    /** The alliance behind a public address; empty for unknown slugs and non-public alliances. */
    public Optional<Alliance> publicBySlug(String slug) {
        if (slug == null || slug.isEmpty() || slug.length() > 80) {
            return Optional.empty();
        }
        // exactly this slug: the collation ignores case and trailing spaces
        return bySlug.apply(slug).filter(a -> a.slug().equals(slug)).filter(Alliance::publicPage);
    }

    /** The public alliances, by name. */
    public List<Alliance> publicOnes() {
        return repository.findByPublicPageTrueOrderByNameAsc();
    }

    /**
     * What a console account sees: every alliance for a platform admin, else its organisation's.
     */
    public List<Alliance> visibleTo(ConsoleUser me) {
        if (me.isPlatformAdmin()) {
            return repository.listOrderByName();
        }
        return me.organiserId() == null
                ? List.of()
                : repository.findByOrganiserIdOrderByNameAsc(me.organiserId());
    }

    /** What an alliance says about itself (checked, as the form's validation leaves it). */
    public record Details(
            String name,
            String slug,
            String description,
            @Nullable String contactName,
            String contactEmail,
            boolean publicPage) {}

    /** The alliance at this address, public or not (for the demo data and the console). */
    public Optional<Alliance> bySlug(String slug) {
        return repository.findBySlug(slug).filter(a -> a.slug().equals(slug));
    }

    /** Creates an alliance for the signed-in account's organisation (a platform admin's choice). */
    @Transactional
    Outcome create(ConsoleUser me, AllianceForm.Input in) {
        Long organiserId = me.isPlatformAdmin() ? in.organiserId() : me.organiserId();
        return create(
                Actor.of(me),
                organiserId,
                new Details(
                        in.name(),
                        in.slug(),
                        in.description(),
                        in.contactName(),
                        in.contactEmail(),
                        in.publicPage()));
    }

    /**
     * Creates an alliance run by {@code organiserId}, with its (empty) numbers, audited; refuses an
     * unknown organisation or an address in use.
     */
    @Transactional
    public Outcome create(Actor who, @Nullable Long organiserId, Details in) {
        FormErrors errors = new FormErrors();
        if (organiserId == null || organisers.byId(organiserId).isEmpty()) {
            errors.field("organiserId", "console.appeal.error.organiser");
        }
        if (repository.findBySlug(in.slug()).isPresent()) {
            errors.field("slug", "console.appeal.error.slugTaken");
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors, false);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Alliance saved;
        try {
            saved =
                    repository.save(
                            new Alliance(
                                    null,
                                    organiserId,
                                    in.slug(),
                                    in.name(),
                                    in.description(),
                                    in.contactName(),
                                    in.contactEmail(),
                                    in.publicPage(),
                                    now,
                                    now,
                                    null));
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return new Outcome(
                        null,
                        new FormErrors().field("slug", "console.appeal.error.slugTaken"),
                        false);
            }
            throw e;
        }
        ledger.lock(saved.id());
        audit.record(
                who,
                "ALLIANCE_CREATED",
                organiserId,
                null,
                Map.of("slug", saved.slug(), "name", saved.name(), "visible", saved.publicPage()));
        return new Outcome(saved, null, false);
    }

    @Transactional
    Outcome update(ConsoleUser me, Alliance current, AllianceForm.Input in) {
        if (!Objects.equals(in.version(), current.version())) {
            return new Outcome(null, new FormErrors().general("alliance.error.conflict"), true);
        }
        FormErrors errors = new FormErrors();
        if (!in.slug().equals(current.slug())) {
            if (current.publicPage()) {
                errors.field("slug", "alliance.error.slugFixed");
            } else if (repository.findBySlug(in.slug()).isPresent()) {
                errors.field("slug", "console.appeal.error.slugTaken");
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors, false);
        }
        Alliance changed =
                new Alliance(
                        current.id(),
                        current.organiserId(),
                        in.slug(),
                        in.name(),
                        in.description(),
                        in.contactName(),
                        in.contactEmail(),
                        in.publicPage(),
                        current.createdAt(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS),
                        current.version());
        Alliance saved;
        try {
            saved = repository.update(changed);
        } catch (OptimisticLockException e) {
            return new Outcome(null, new FormErrors().general("alliance.error.conflict"), true);
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return new Outcome(
                        null,
                        new FormErrors().field("slug", "console.appeal.error.slugTaken"),
                        false);
            }
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", saved.slug());
        details.put("name", saved.name());
        details.put("visible", saved.publicPage());
        if (!current.slug().equals(saved.slug())) {
            details.put("previousSlug", current.slug());
        }
        audit.record(Actor.of(me), "ALLIANCE_UPDATED", saved.organiserId(), null, details);
        return new Outcome(saved, null, false);
    }
}
