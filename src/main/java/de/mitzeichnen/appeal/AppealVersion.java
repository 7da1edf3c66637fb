package de.mitzeichnen.appeal;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One text an appeal has had. Version 1 is the text it was created with (corrected freely while a
 * draft); each change after publication is a new version with a public reason. {@code textHash} is
 * {@link AppealText#hash}.
 */
@MappedEntity("appeal_version")
public record AppealVersion(
        @Id @GeneratedValue @Nullable Long id,
        Long appealId,
        int versionNo,
        String title,
        String addressee,
        String bodyMarkdown,
        String textHash,
        @Nullable String reason,
        @Utc Instant createdAt,
        @Nullable Long createdByAccountId) {}
