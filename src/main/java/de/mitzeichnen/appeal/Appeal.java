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
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = RolesConverter.class)
                Set<SignerRole> allowedRoles,
        boolean publishNames,
        @Nullable Integer goal,
        PublicCount publicCount,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version,
        @Utc @Nullable Instant closedEarlyAt) {

    /** An appeal that was never closed early (the common case). */
    public Appeal(
            Long id,
            Long organiserId,
            String slug,
            String title,
            String addressee,
            String bodyMarkdown,
            String contactEmail,
            Instant opensAt,
            Instant deadline,
            int graceSeconds,
            AppealStatus status,
            Set<SignerRole> allowedRoles,
            boolean publishNames,
            Integer goal,
            PublicCount publicCount,
            Instant createdAt,
            Instant updatedAt,
            Long version) {
        this(
                id,
                organiserId,
                slug,
                title,
                addressee,
                bodyMarkdown,
                contactEmail,
                opensAt,
                deadline,
                graceSeconds,
                status,
                allowedRoles,
                publishNames,
                goal,
                publicCount,
                createdAt,
                updatedAt,
                version,
                null);
    }

    /**
     * When signing ends or ended: the deadline, or the moment the organiser closed the appeal
     * early.
     */
    public Instant signingEnd() {
        return closedEarlyAt != null && closedEarlyAt.isBefore(deadline) ? closedEarlyAt : deadline;
    }

    /** Whether the organiser ended signing before the deadline. */
    public boolean closedEarly() {
        return closedEarlyAt != null && closedEarlyAt.isBefore(deadline);
    }

    /** The same appeal, closed early at {@code now}; the deadline stays on record. */
    public Appeal closedEarly(Instant now) {
        return new Appeal(
                id,
                organiserId,
                slug,
                title,
                addressee,
                bodyMarkdown,
                contactEmail,
                opensAt,
                deadline,
                graceSeconds,
                AppealStatus.CLOSED,
                allowedRoles,
                publishNames,
                goal,
                publicCount,
                createdAt,
                now,
                version,
                now);
    }

    /**
     * The status as the public sees it at {@code now}: an OPEN appeal is CLOSED from its deadline
     * on.
     */
    public AppealStatus statusAt(Instant now) {
        if (status == AppealStatus.OPEN && !now.isBefore(signingEnd())) {
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
        return signingEnd().plus(Duration.ofSeconds(graceSeconds));
    }

    public boolean isPublic() {
        return status != AppealStatus.DRAFT;
    }

    public Appeal withStatus(AppealStatus newStatus, Instant now) {
        return new Appeal(
                id,
                organiserId,
                slug,
                title,
                addressee,
                bodyMarkdown,
                contactEmail,
                opensAt,
                deadline,
                graceSeconds,
                newStatus,
                allowedRoles,
                publishNames,
                goal,
                publicCount,
                createdAt,
                now,
                version,
                closedEarlyAt);
    }
}
