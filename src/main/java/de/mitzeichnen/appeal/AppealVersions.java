package de.mitzeichnen.appeal;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * The text history of appeals. Appeals created before versions existed (or by other means) get
 * their version 1 from their current text the first time it is needed.
 */
@Singleton
public class AppealVersions {

    private final AppealVersionRepository versions;

    AppealVersions(AppealVersionRepository versions) {
        this.versions = versions;
    }

    /** Writes version 1 of a new appeal. */
    public AppealVersion first(Appeal appeal, @Nullable Long accountId) {
        return versions.save(version(appeal, 1, null, appeal.createdAt(), accountId));
    }

    /** The newest version, written from the appeal's current text if it has none yet. */
    public AppealVersion current(Appeal appeal) {
        return versions.findFirstByAppealIdOrderByVersionNoDesc(appeal.id())
                .orElseGet(() -> first(appeal, null));
    }

    /** Corrects version 1 of a draft to its current text (nobody can have signed a draft). */
    public AppealVersion correctDraft(Appeal draft) {
        if (draft.isPublic()) {
            throw new IllegalStateException("only drafts are corrected in place");
        }
        AppealVersion v1 = current(draft);
        return versions.update(
                new AppealVersion(
                        v1.id(),
                        v1.appealId(),
                        v1.versionNo(),
                        draft.title(),
                        draft.addressee(),
                        draft.bodyMarkdown(),
                        AppealText.hash(draft),
                        null,
                        v1.createdAt(),
                        v1.createdByAccountId()));
    }

    /**
     * Records the changed text of a published appeal as the next version.
     *
     * @param before the appeal as it was (its text becomes version 1 if there is no version yet)
     * @param changed the appeal with the new text
     */
    public AppealVersion next(
            Appeal before, Appeal changed, String reason, Instant now, @Nullable Long accountId) {
        AppealVersion latest = current(before);
        return versions.save(version(changed, latest.versionNo() + 1, reason, now, accountId));
    }

    /** All versions, oldest first. */
    public List<AppealVersion> history(long appealId) {
        return versions.findByAppealIdOrderByVersionNo(appealId);
    }

    private static AppealVersion version(
            Appeal a, int no, @Nullable String reason, Instant at, @Nullable Long accountId) {
        return new AppealVersion(
                null,
                a.id(),
                no,
                a.title(),
                a.addressee(),
                a.bodyMarkdown(),
                AppealText.hash(a),
                reason,
                at,
                accountId);
    }
}
