package de.mitzeichnen.moderation;

import de.mitzeichnen.signing.SignatureFilter;
import de.mitzeichnen.signing.SignatureSearch;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.VerificationMethod;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The organiser's moderation of an appeal's signatures: the list comes from signing's {@link
 * SignatureSearch}, every action is one of signing's transitions (so verifying a pending signature
 * confirms it with all that goes with it); moderation adds the optional notice to a rejected
 * signer.
 */
@Singleton
public class Moderation {

    public static final int PAGE_SIZE = SignatureSearch.PAGE_SIZE;

    private final SignatureSearch search;
    private final Signatures signatures;
    private final RejectionNotices notices;

    Moderation(SignatureSearch search, Signatures signatures, RejectionNotices notices) {
        this.search = search;
        this.signatures = signatures;
        this.notices = notices;
    }

    public SignatureSearch.Page page(long appealId, SignatureFilter filter, Long before) {
        return search.page(appealId, filter, before);
    }

    public long count(long appealId, SignatureFilter filter) {
        return search.count(appealId, filter);
    }

    /**
     * How many signatures of the selection an action would change (the preview before a bulk
     * action).
     */
    public long preview(long appealId, SignatureFilter filter, ModerationAction action) {
        return search.count(appealId, filter, action.transition.from());
    }

    /** Applies an action to one signature of the appeal; returns whether it changed. */
    @Transactional
    public boolean apply(
            long appealId,
            long signatureId,
            ModerationAction action,
            String reason,
            String actor,
            boolean notify) {
        return apply(appealId, signatureId, action, null, reason, actor, notify);
    }

    /** The same, saying how a verification was done. */
    @Transactional
    public boolean apply(
            long appealId,
            long signatureId,
            ModerationAction action,
            @Nullable VerificationMethod method,
            String reason,
            String actor,
            boolean notify) {
        boolean changed =
                switch (action) {
                    case VERIFY -> signatures.verify(appealId, signatureId, actor, method, reason);
                    case REJECT -> signatures.reject(appealId, signatureId, actor, reason);
                    case RESTORE -> signatures.restore(appealId, signatureId, actor, reason);
                };
        if (changed && notify && action == ModerationAction.REJECT) {
            notices.rejected(signatureId, reason);
        }
        return changed;
    }

    /** Applies an action to every signature the filter selects; returns how many changed. */
    @Transactional
    public long applyAll(
            long appealId,
            SignatureFilter filter,
            ModerationAction action,
            String reason,
            String actor,
            boolean notify) {
        List<Long> ids = search.ids(appealId, filter, action.transition.from());
        List<Long> changed =
                signatures.applyAll(appealId, ids, action.transition, actor, reason, null);
        if (notify && action == ModerationAction.REJECT) {
            changed.forEach(id -> notices.rejected(id, reason));
        }
        return changed.size();
    }
}
