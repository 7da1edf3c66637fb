package de.mitzeichnen.retention;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.db.UtcInstantConverter;
import de.mitzeichnen.export.ExportGuard;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The retention promise of the privacy notice, per appeal (owner of {@code appeal_retention}): the
 * organiser's contact is warned once, {@link RetentionConfig#getWarning()} before; at the deadline
 * plus the retention days (and never sooner than the warning period after the warning) the
 * signatures are anonymised through signing, so the counts stay; 30 days after the deadline the
 * client address hashes go. Each step is recorded and happens once.
 */
@Singleton
public class Retention implements ExportGuard {

    static final String WARNING_KIND = "retention-warning";

    /** What the job has done for an appeal so far. */
    record State(
            @Nullable Integer days,
            @Nullable Instant warnedAt,
            @Nullable Instant anonymisedAt,
            @Nullable Instant ipHashesErasedAt) {
        static final State NONE = new State(null, null, null, null);
    }

    private final JdbcOperations jdbc;
    private final Signatures signatures;
    private final Organisers organisers;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final Texts texts;
    private final RetentionConfig config;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    Retention(
            JdbcOperations jdbc,
            Signatures signatures,
            Organisers organisers,
            MailTemplates templates,
            Outbox outbox,
            Texts texts,
            RetentionConfig config,
            Clock clock) {
        this.jdbc = jdbc;
        this.signatures = signatures;
        this.organisers = organisers;
        this.templates = templates;
        this.outbox = outbox;
        this.texts = texts;
        this.config = config;
        this.clock = clock;
    }

    /** The appeal's retention days: its own choice within 30–730, else the configured default. */
    @Transactional
    public int days(long appealId) {
        Integer own = state(appealId).days();
        return own == null ? config.getDays() : own;
    }

    /** The appeal's own choice, empty for the default. */
    @Transactional
    public Optional<Integer> ownDays(long appealId) {
        return Optional.ofNullable(state(appealId).days());
    }

    /** Sets (or, with null, removes) the appeal's own retention days; out of 30–730 is refused. */
    @Transactional
    public void setDays(long appealId, @Nullable Integer days) {
        if (days != null && (days < RetentionConfig.MIN_DAYS || days > RetentionConfig.MAX_DAYS)) {
            throw new IllegalArgumentException("retention days out of range: " + days);
        }
        jdbc.prepareStatement(
                "INSERT INTO appeal_retention (appeal_id, retention_days) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE retention_days = VALUES(retention_days)",
                ps -> {
                    ps.setLong(1, appealId);
                    if (days == null) {
                        ps.setNull(2, Types.INTEGER);
                    } else {
                        ps.setInt(2, days);
                    }
                    return ps.executeUpdate();
                });
    }

    /** When the signatures of the appeal are (or were) anonymised. */
    public Instant dueAt(Appeal appeal) {
        return appeal.deadline().plus(Duration.ofDays(days(appeal.id())));
    }

    /**
     * Throws {@link DataErased} once the appeal's signatures were anonymised: no export any more.
     */
    @Override
    @Transactional
    public void check(long appealId) {
        Instant at = state(appealId).anonymisedAt();
        if (at != null) {
            throw new DataErased(at);
        }
    }

    /**
     * Does what is due for one appeal at {@code now}; safe to repeat (each step is recorded and
     * happens once).
     */
    @Transactional
    public void process(Appeal appeal, Instant now) {
        if (!now.isAfter(appeal.deadline())) {
            return;
        }
        State s = lockedState(appeal.id());
        Instant due =
                appeal.deadline()
                        .plus(Duration.ofDays(s.days() == null ? config.getDays() : s.days()));
        if (s.ipHashesErasedAt() == null
                && !now.isBefore(appeal.deadline().plus(config.getIpHashes()))) {
            signatures.eraseIpHashes(appeal.id());
            mark(appeal.id(), "ip_hashes_erased_at", now);
        }
        if (s.anonymisedAt() != null) {
            return;
        }
        if (s.warnedAt() == null) {
            if (!now.isBefore(due.minus(config.getWarning()))) {
                warn(appeal, due, now);
                mark(appeal.id(), "warned_at", now);
            }
            return;
        }
        // never sooner than the full warning period after the warning, even if the job was down for
        // a while
        Instant notBefore = s.warnedAt().plus(config.getWarning());
        if (!now.isBefore(due) && !now.isBefore(notBefore)) {
            signatures.anonymiseAppeal(
                    appeal.id(), "retention", "retention: " + days(appeal.id()) + " days");
            mark(appeal.id(), "anonymised_at", now);
        }
    }

    private void warn(Appeal appeal, Instant due, Instant now) {
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        Locale locale = Locale.GERMAN;
        Instant when =
                due.isAfter(now.plus(config.getWarning())) ? due : now.plus(config.getWarning());
        MailTemplates.Rendered mail =
                templates.render(
                        "retention-warning",
                        locale,
                        Map.of(
                                "title", appeal.title(),
                                "when", new Formats(locale, clock, texts).dateTime(when),
                                "days", days(appeal.id())));
        outbox.enqueue(
                new OutgoingMail(
                        organiser.contactEmail(),
                        texts.get(locale, "app.name"),
                        null,
                        texts.get(locale, "retention.mail.subject", appeal.title()),
                        mail.text(),
                        mail.html(),
                        Map.of(),
                        WARNING_KIND));
    }

    private State state(long appealId) {
        return read(appealId, "");
    }

    private State lockedState(long appealId) {
        jdbc.prepareStatement(
                "INSERT IGNORE INTO appeal_retention (appeal_id) VALUES (?)",
                ps -> {
                    ps.setLong(1, appealId);
                    return ps.executeUpdate();
                });
        return read(appealId, " FOR UPDATE");
    }

    private State read(long appealId, String lock) {
        return jdbc.prepareStatement(
                "SELECT retention_days, warned_at, anonymised_at, ip_hashes_erased_at"
                        + " FROM appeal_retention WHERE appeal_id = ?"
                        + lock,
                ps -> {
                    ps.setLong(1, appealId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return State.NONE;
                        }
                        int days = rs.getInt(1);
                        return new State(
                                rs.wasNull() ? null : days,
                                instant(rs.getString(2)),
                                instant(rs.getString(3)),
                                instant(rs.getString(4)));
                    }
                });
    }

    private Instant instant(@Nullable String text) {
        return text == null ? null : instants.convertToEntityValue(text, null);
    }

    private void mark(long appealId, String column, Instant now) {
        jdbc.prepareStatement(
                "UPDATE appeal_retention SET " + column + " = ? WHERE appeal_id = ?",
                ps -> {
                    ps.setString(1, instants.convertToPersistedValue(now, null));
                    ps.setLong(2, appealId);
                    return ps.executeUpdate();
                });
    }
}
