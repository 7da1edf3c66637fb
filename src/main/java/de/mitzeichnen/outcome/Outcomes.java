package de.mitzeichnen.outcome;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.db.UtcInstantConverter;
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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The owner of appeal_outcome: the hand-over of an appeal and the addressee's answer, one of each.
 * The first time one is recorded, every signer who asked to hear about it gets one mail (queued in
 * the same transaction); a later correction changes the record and mails nobody again.
 */
@Singleton
public class Outcomes {

    private final JdbcOperations jdbc;
    private final Signatures signatures;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final Organisers organisers;
    private final AuditLog audit;
    private final MitzeichnenConfig config;
    private final Texts texts;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    Outcomes(
            JdbcOperations jdbc,
            Signatures signatures,
            Outbox outbox,
            MailTemplates templates,
            Organisers organisers,
            AuditLog audit,
            MitzeichnenConfig config,
            Texts texts,
            Clock clock) {
        this.jdbc = jdbc;
        this.signatures = signatures;
        this.outbox = outbox;
        this.templates = templates;
        this.organisers = organisers;
        this.audit = audit;
        this.config = config;
        this.texts = texts;
        this.clock = clock;
    }

    /** What the organiser entered. {@code file} null keeps a file stored before. */
    public record Entry(
            LocalDate date,
            @Nullable String recipient,
            String note,
            @Nullable UploadedFile file,
            boolean filePublic) {}

    /** A stored hand-over or answer, without the file's bytes. */
    public record Stored(
            OutcomeKind kind,
            LocalDate date,
            @Nullable String recipient,
            String note,
            @Nullable String fileName,
            @Nullable Integer fileSize,
            boolean filePublic,
            String recordedBy,
            Instant recordedAt,
            @Nullable Instant mailedAt) {}

    /**
     * Records (or corrects) the hand-over or the answer; returns how many signers were mailed now
     * (0 when they had been mailed about it before).
     */
    @Transactional
    public int record(Appeal appeal, OutcomeKind kind, Entry entry, Actor actor) {
        Instant now = clock.instant();
        String at = instants.convertToPersistedValue(now, null);
        // two organisers saving at once queue up here, so that only one of them inserts and mails
        jdbc.prepareStatement(
                "SELECT id FROM appeal WHERE id = ? FOR UPDATE",
                ps -> {
                    ps.setLong(1, appeal.id());
                    ps.executeQuery().close();
                    return null;
                });
        Optional<Stored> before = find(appeal.id(), kind, true);
        if (before.isEmpty()) {
            jdbc.prepareStatement(
                    "INSERT INTO appeal_outcome (appeal_id, kind, happened_on, recipient, note,"
                            + " file_name, content_type, file_size, content, file_public, recorded_by, recorded_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ps -> {
                        UploadedFile f = entry.file();
                        ps.setLong(1, appeal.id());
                        ps.setString(2, kind.name());
                        ps.setObject(3, entry.date());
                        ps.setString(4, entry.recipient());
                        ps.setString(5, entry.note());
                        ps.setString(6, f == null ? null : f.name());
                        ps.setString(7, f == null ? null : f.contentType());
                        ps.setObject(8, f == null ? null : f.content().length);
                        ps.setBytes(9, f == null ? null : f.content());
                        ps.setBoolean(10, entry.filePublic());
                        ps.setString(11, actor.email());
                        ps.setString(12, at);
                        ps.setString(13, at);
                        return ps.executeUpdate();
                    });
        } else {
            UploadedFile f = entry.file();
            jdbc.prepareStatement(
                    "UPDATE appeal_outcome SET happened_on = ?, recipient = ?, note = ?, file_public = ?,"
                            + " updated_at = ?"
                            + (f == null
                                    ? ""
                                    : ", file_name = ?, content_type = ?, file_size = ?, content = ?")
                            + " WHERE appeal_id = ? AND kind = ?",
                    ps -> {
                        int i = 1;
                        ps.setObject(i++, entry.date());
                        ps.setString(i++, entry.recipient());
                        ps.setString(i++, entry.note());
                        ps.setBoolean(i++, entry.filePublic());
                        ps.setString(i++, at);
                        if (f != null) {
                            ps.setString(i++, f.name());
                            ps.setString(i++, f.contentType());
                            ps.setInt(i++, f.content().length);
                            ps.setBytes(i++, f.content());
                        }
                        ps.setLong(i++, appeal.id());
                        ps.setString(i, kind.name());
                        return ps.executeUpdate();
                    });
        }
        int mailed = 0;
        if (before.isEmpty() || before.get().mailedAt() == null) {
            mailed = mail(appeal, kind, entry);
            jdbc.prepareStatement(
                    "UPDATE appeal_outcome SET mailed_at = ? WHERE appeal_id = ? AND kind = ?",
                    ps -> {
                        ps.setString(1, at);
                        ps.setLong(2, appeal.id());
                        ps.setString(3, kind.name());
                        return ps.executeUpdate();
                    });
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.name());
        details.put("date", entry.date().toString());
        details.put("mailed", mailed);
        audit.record(
                actor,
                before.isEmpty() ? "OUTCOME_RECORDED" : "OUTCOME_CORRECTED",
                appeal.organiserId(),
                appeal.id(),
                details);
        return mailed;
    }

    private int mail(Appeal appeal, OutcomeKind kind, Entry entry) {
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        int n = 0;
        for (Signatures.OutcomeRecipient r : signatures.outcomeRecipients(appeal.id())) {
            Locale locale = Locale.forLanguageTag(r.language());
            Formats fmt = new Formats(locale, clock, texts);
            Map<String, Object> model = new HashMap<>();
            model.put("name", r.name() == null ? "" : r.name());
            model.put("appealTitle", appeal.title());
            model.put("appealUrl", config.getBaseUrl() + "/aufrufe/" + appeal.slug() + "#ergebnis");
            model.put("organiserName", organiser.name());
            model.put("kind", kind.name());
            model.put("dateText", fmt.day(entry.date()));
            model.put("recipient", entry.recipient());
            model.put("note", entry.note());
            String key = "outcome.mail." + kind.name().toLowerCase(Locale.ROOT);
            MailTemplates.Rendered rendered = templates.render("outcome", locale, model);
            outbox.enqueue(
                    new OutgoingMail(
                            r.email(),
                            organiser.name() + " via Mitzeichnen",
                            appeal.contactEmail(),
                            texts.get(locale, key + ".subject", appeal.title()),
                            rendered.text(),
                            rendered.html(),
                            Map.of(),
                            "outcome." + kind.name().toLowerCase(Locale.ROOT)));
            n++;
        }
        return n;
    }

    @Transactional
    public Map<OutcomeKind, Stored> of(long appealId) {
        Map<OutcomeKind, Stored> out = new EnumMap<>(OutcomeKind.class);
        for (OutcomeKind k : OutcomeKind.values()) {
            find(appealId, k, false).ifPresent(s -> out.put(k, s));
        }
        return out;
    }

    /** The hand-over and the answer as the public sees them (files only where published). */
    @Transactional
    public Map<OutcomeKind, PublicOutcome> publicOf(Appeal appeal) {
        Map<OutcomeKind, PublicOutcome> out = new EnumMap<>(OutcomeKind.class);
        of(appeal.id())
                .forEach(
                        (k, s) -> {
                            boolean file = s.filePublic() && s.fileName() != null;
                            out.put(
                                    k,
                                    new PublicOutcome(
                                            k,
                                            s.date(),
                                            s.recipient(),
                                            s.note(),
                                            file ? s.fileName() : null,
                                            file
                                                    ? "/aufrufe/"
                                                            + appeal.slug()
                                                            + "/ergebnis/"
                                                            + k.slug()
                                                            + "/datei"
                                                    : null));
                        });
        return out;
    }

    /** The stored file; {@code onlyPublic} for the public address. */
    @Transactional
    public Optional<UploadedFile> file(long appealId, OutcomeKind kind, boolean onlyPublic) {
        return jdbc.prepareStatement(
                "SELECT file_name, content_type, content FROM appeal_outcome WHERE appeal_id = ?"
                        + " AND kind = ? AND content IS NOT NULL"
                        + (onlyPublic ? " AND file_public" : ""),
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, kind.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(
                                        new UploadedFile(
                                                rs.getString(1), rs.getString(2), rs.getBytes(3)))
                                : Optional.<UploadedFile>empty();
                    }
                });
    }

    private Optional<Stored> find(long appealId, OutcomeKind kind, boolean forUpdate) {
        return jdbc.prepareStatement(
                "SELECT happened_on, recipient, note, file_name, file_size, file_public,"
                        + " recorded_by, recorded_at, mailed_at FROM appeal_outcome WHERE appeal_id = ? AND kind = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, kind.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(stored(kind, rs)) : Optional.<Stored>empty();
                    }
                });
    }

    private Stored stored(OutcomeKind kind, ResultSet rs) throws SQLException {
        Object size = rs.getObject(5);
        return new Stored(
                kind,
                rs.getObject(1, LocalDate.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                size == null ? null : ((Number) size).intValue(),
                rs.getBoolean(6),
                rs.getString(7),
                instants.convertToEntityValue(rs.getString(8), null),
                rs.getString(9) == null
                        ? null
                        : instants.convertToEntityValue(rs.getString(9), null));
    }
}
