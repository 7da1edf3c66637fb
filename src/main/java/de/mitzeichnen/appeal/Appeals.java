package de.mitzeichnen.appeal;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The appeal feature's read API for other features (they never see its repository), and the one way
 * to store a ready-made appeal for demo data and test fixtures. Console edits go through {@link
 * AppealStore}, public reads through {@link PublicAppeals}.
 */
@Singleton
public class Appeals {

    private final AppealRepository appeals;

    Appeals(AppealRepository appeals) {
        this.appeals = appeals;
    }

    /** The appeal as stored now (no cache). */
    public Optional<Appeal> byId(long id) {
        return appeals.findById(id);
    }

    public Optional<Appeal> bySlug(String slug) {
        return appeals.findBySlug(slug);
    }

    /** Appeals in one of the given states, the nearest deadline first. */
    public List<Appeal> inStatus(Collection<AppealStatus> statuses) {
        return appeals.findByStatusInOrderByDeadlineAsc(statuses);
    }

    /** An organisation's appeals, the newest first (another feature's console choice). */
    public List<Appeal> ofOrganiser(long organiserId) {
        return appeals.findByOrganiserIdOrderByCreatedAtDesc(organiserId);
    }

    /** Every appeal that has left its draft: those whose support is counted. */
    public List<Long> pastDraft() {
        return appeals.findIdByStatusNotEqual(AppealStatus.DRAFT);
    }

    /**
     * Stores an appeal exactly as given, without a version or an audit entry: for the demo data of
     * a development start and for test fixtures, never for what an organiser does.
     */
    public Appeal seed(Appeal appeal) {
        return appeals.save(appeal);
    }
}
