package de.mitzeichnen.appeal;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * An appeal of one organiser that officials sign for their municipality. Times are instants (UTC);
 * {@code deadline} is exclusive: signing is possible while now &lt; deadline.
 */
@MappedEntity("appeal")
public record Appeal(
        @Id @GeneratedValue @Nullable Long id,
        Long organiserId,
        String slug,
        String title,
        String addressee,
        String bodyMarkdown,
        String contactEmail,
        @Utc Instant opensAt,
        @Utc Instant deadline,
        int graceSeconds,
        AppealStatus status,
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = RolesConverter.class) Set<SignerRole> allowedRoles,
        boolean publishNames,
        @Nullable Integer goal,
        PublicCount publicCount,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version) {

    /** The status as the public sees it at {@code now}: an OPEN appeal is CLOSED from its deadline on. */
    public AppealStatus statusAt(Instant now) {
        if (status == AppealStatus.OPEN && !now.isBefore(deadline)) {
            return AppealStatus.CLOSED;
        }
        return status;
    }

    /** Whether new signatures are taken at {@code now}. */
    public boolean acceptsSignatures(Instant now) {
        return statusAt(now) == AppealStatus.OPEN && !now.isBefore(opensAt);
    }

    /** Whether the appeal has not yet opened although it is published. */
    public boolean upcomingAt(Instant now) {
        return statusAt(now) == AppealStatus.OPEN && now.isBefore(opensAt);
    }

    /** Signatures submitted before the deadline may still be confirmed until this instant. */
    public Instant confirmableUntil() {
        return deadline.plus(Duration.ofSeconds(graceSeconds));
    }

    public boolean isPublic() {
        return status != AppealStatus.DRAFT;
    }

    public Appeal withStatus(AppealStatus newStatus, Instant now) {
        return new Appeal(id, organiserId, slug, title, addressee, bodyMarkdown, contactEmail, opensAt, deadline,
                graceSeconds, newStatus, allowedRoles, publishNames, goal, publicCount, createdAt, now, version);
    }
}
