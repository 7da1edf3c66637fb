package de.mitzeichnen.organiser;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Platform admins create and change organisers. */
@Singleton
class OrganiserAdmin {

    record Outcome(@Nullable Organiser saved, @Nullable FormErrors errors, boolean conflict) {}

    private final OrganiserRepository organisers;
    private final AuditLog audit;
    private final Clock clock;

    OrganiserAdmin(OrganiserRepository organisers, AuditLog audit, Clock clock) {
        this.organisers = organisers;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome create(ConsoleUser me, OrganiserForm.Input in) {
        if (organisers.findByName(in.name()).isPresent()) {
            return nameTaken();
        }
        Instant now = clock.instant();
        try {
            Organiser o =
                    organisers.save(
                            new Organiser(
                                    null,
                                    in.name(),
                                    in.kind(),
                                    in.municipalityAgs(),
                                    in.contactEmail(),
                                    in.website(),
                                    now,
                                    now,
                                    null,
                                    in.nameGenitive()));
            audit.record(
                    Actor.of(me),
                    "ORGANISER_CREATED",
                    o.id(),
                    null,
                    Map.of("name", o.name(), "kind", o.kind()));
            return new Outcome(o, null, false);
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return nameTaken();
            }
            throw e;
        }
    }

    Outcome update(ConsoleUser me, Organiser current, OrganiserForm.Input in) {
        if (!Objects.equals(in.version(), current.version())) {
            return new Outcome(null, new FormErrors().general("console.error.conflict"), true);
        }
        if (!in.name().equals(current.name())
                && organisers
                        .findByName(in.name())
                        .filter(o -> !o.id().equals(current.id()))
                        .isPresent()) {
            return nameTaken();
        }
        try {
            Organiser o =
                    organisers.update(
                            new Organiser(
                                    current.id(),
                                    in.name(),
                                    in.kind(),
                                    in.municipalityAgs(),
                                    in.contactEmail(),
                                    in.website(),
                                    current.createdAt(),
                                    clock.instant(),
                                    in.version(),
                                    in.nameGenitive()));
            audit.record(
                    Actor.of(me),
                    "ORGANISER_UPDATED",
                    o.id(),
                    null,
                    Map.of("name", o.name(), "kind", o.kind()));
            return new Outcome(o, null, false);
        } catch (OptimisticLockException e) {
            return new Outcome(null, new FormErrors().general("console.error.conflict"), true);
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return nameTaken();
            }
            throw e;
        }
    }

    private static Outcome nameTaken() {
        return new Outcome(
                null, new FormErrors().field("name", "console.organiser.error.nameTaken"), false);
    }
}
