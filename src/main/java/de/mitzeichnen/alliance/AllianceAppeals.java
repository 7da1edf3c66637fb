package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.PublicAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.counting.SupportCounts;
import de.mitzeichnen.db.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The appeals an alliance runs (table {@code alliance_appeal}) and their public counts, for the
 * alliance page and the API. The link is made by {@link #link}; the console action that calls it,
 * and the appeal page's „N of M members have signed", come with the appeals of alliances.
 */
@Singleton
@Connectable
public class AllianceAppeals {

    /** At most this many appeals on the page and in the API (newest deadline first). */
    public static final int LIMIT = 200;

    /** An appeal of the alliance as the public sees it, with its counts. */
    public record Line(
            String slug,
            String title,
            String status,
            Instant deadline,
            long municipalities,
            long districts,
            long signatures,
            long population) {}

    private final JdbcOperations jdbc;
    private final PublicAppeals appeals;
    private final SupportCounts counts;
    private final AuditLog audit;
    private final Clock clock;

    AllianceAppeals(
            JdbcOperations jdbc,
            PublicAppeals appeals,
            SupportCounts counts,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.appeals = appeals;
        this.counts = counts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The ids of the appeals the alliance runs. */
    public List<Long> appealIds(long allianceId) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT appeal_id FROM alliance_appeal WHERE alliance_id = ? ORDER BY linked_at DESC",
                rs -> rs.getLong(1),
                allianceId);
    }

    /** The alliance that runs this appeal, if one does. */
    public Optional<Long> allianceOf(long appealId) {
        return Sql.first(
                jdbc.getConnection(),
                "SELECT alliance_id FROM alliance_appeal WHERE appeal_id = ?",
                rs -> rs.getLong(1),
                appealId);
    }

    /**
     * Records that the alliance runs the appeal (one alliance per appeal); false when the appeal
     * belongs to another organisation or another alliance runs it already.
     */
    @Transactional
    public boolean link(Alliance alliance, Appeal appeal, Actor who) {
        if (!appeal.organiserId().equals(alliance.organiserId())
                || allianceOf(appeal.id()).isPresent()) {
            return false;
        }
        Sql.update(
                jdbc.getConnection(),
                "INSERT INTO alliance_appeal (alliance_id, appeal_id, linked_at) VALUES (?, ?, ?)",
                alliance.id(),
                appeal.id(),
                clock.instant());
        audit.record(
                who,
                "ALLIANCE_APPEAL_LINKED",
                alliance.organiserId(),
                appeal.id(),
                Map.of("slug", alliance.slug(), "title", appeal.title()));
        return true;
    }

    /**
     * The alliance no longer runs the appeal (its invitations and signatures stay as they are);
     * false when it did not run it.
     */
    @Transactional
    public boolean unlink(Alliance alliance, Appeal appeal, Actor who) {
        int removed =
                Sql.update(
                        jdbc.getConnection(),
                        "DELETE FROM alliance_appeal WHERE alliance_id = ? AND appeal_id = ?",
                        alliance.id(),
                        appeal.id());
        if (removed == 0) {
            return false;
        }
        audit.record(
                who,
                "ALLIANCE_APPEAL_UNLINKED",
                alliance.organiserId(),
                appeal.id(),
                Map.of("slug", alliance.slug(), "title", appeal.title()));
        return true;
    }

    /**
     * The alliance's public appeals with their counts (two queries, whatever their number): open
     * ones first, then by deadline, the latest first.
     */
    public List<Line> publicLines(long allianceId) {
        List<Long> ids = appealIds(allianceId);
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Appeal> shown = appeals.publicByIds(ids);
        Map<Long, SupportCounts.Counts> numbers =
                counts.of(shown.stream().map(Appeal::id).toList());
        return shown.stream()
                .sorted(
                        Comparator.comparing((Appeal a) -> a.statusAt(now) != AppealStatus.OPEN)
                                .thenComparing(Appeal::deadline, Comparator.reverseOrder()))
                .limit(LIMIT)
                .map(
                        a -> {
                            SupportCounts.Counts c =
                                    numbers.getOrDefault(a.id(), SupportCounts.Counts.NONE);
                            return new Line(
                                    a.slug(),
                                    a.title(),
                                    a.upcomingAt(now)
                                            ? "upcoming"
                                            : a.statusAt(now)
                                                    .name()
                                                    .toLowerCase(java.util.Locale.ROOT),
                                    a.deadline(),
                                    c.municipalities(),
                                    c.districts(),
                                    c.signatures(),
                                    c.population());
                        })
                .toList();
    }
}
