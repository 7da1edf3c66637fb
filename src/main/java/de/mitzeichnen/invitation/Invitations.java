package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealRepository;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.db.UtcInstantConverter;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserRepository;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.signing.SignatureConfirmed;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.Tokens;
import io.micronaut.runtime.event.annotation.EventListener;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Personal invitations: each invitee gets a link that opens the sign form filled in; signing through it proves
 * the address (trust INVITED). Reminders go only to invitees who have neither signed nor opted out.
 */
@Singleton
@Connectable
public class Invitations {

    private final JdbcOperations jdbc;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final OrganiserRepository organisers;
    private final AppealRepository appeals;
    private final MitzeichnenConfig config;
    private final Texts texts;
    private final Clock clock;
    private final Signatures signatures;
    private final RateLimits limits;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    Invitations(JdbcOperations jdbc, Outbox outbox, MailTemplates templates, OrganiserRepository organisers,
                AppealRepository appeals, MitzeichnenConfig config, Texts texts, Clock clock, Signatures signatures,
                RateLimits limits) {
        this.signatures = signatures;
        this.limits = limits;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.templates = templates;
        this.organisers = organisers;
        this.appeals = appeals;
        this.config = config;
        this.texts = texts;
        this.clock = clock;
    }

    /** An invitation as the invitation link sees it. */
    public record Invitation(long id, long appealId, String name, String email, String emailKey, String role,
                             String municipalityAgs, String body, String language, InvitationStatus status) {
    }

    /** Sending progress of an appeal's invitations, by the state of their mails. */
    public record Progress(long invited, long sent, long pending, long failed, long signed, long optedOut) {
    }

    /** Stores the good lines as invitations and queues their mails, all in one transaction. */
    @Transactional
    public int invite(Appeal appeal, List<InvitationCsv.Line> lines, String actor, Locale language) {
        // Sends per organiser, so that a taken-over account cannot mail the whole country in its name.
        limits.require(RateLimits.Kind.INVITE, String.valueOf(appeal.organiserId()), limits.config().inviteLimit());
        Organiser organiser = organisers.findById(appeal.organiserId()).orElseThrow();
        String now = instants.convertToPersistedValue(clock.instant(), null);
        int n = 0;
        for (InvitationCsv.Line line : lines) {
            if (!line.ok()) {
                continue;
            }
            String token = Tokens.newToken();
            long id = jdbc.prepareStatement("""
                    INSERT INTO invitation (appeal_id, name, email, email_key, role, municipality_ags, body, language,
                      status, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?)""", ps -> {
                ps.setLong(1, appeal.id());
                ps.setString(2, line.name());
                ps.setString(3, line.address().address());
                ps.setString(4, line.address().key());
                ps.setString(5, line.signerRole().name());
                ps.setString(6, line.place().ags());
                ps.setString(7, line.body());
                ps.setString(8, language.getLanguage());
                ps.setString(9, actor);
                ps.setString(10, now);
                ps.setString(11, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getConnection().createStatement().executeQuery("SELECT LAST_INSERT_ID()")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            update("INSERT INTO invitation_token (token_hash, invitation_id) VALUES (?, ?)", Tokens.hash(token), id);
            long outboxId = send(appeal, organiser, line.name(), line.address().address(), line.place().displayName(),
                    token, language, "invitation", "invitation.mail.subject");
            update("UPDATE invitation SET outbox_id = ? WHERE id = ?", outboxId, id);
            n++;
        }
        return n;
    }

    /** Reminds every invitee of the appeal who has not signed and not opted out; returns how many. */
    @Transactional
    public int remindAll(Appeal appeal) {
        return remind(appeal, Integer.MAX_VALUE);
    }

    /**
     * The automatic reminders: the appeal's reminder days (at most two, e.g. "7,2") before the deadline, each
     * invitee gets at most one reminder per configured day. Returns how many were sent.
     */
    @Transactional
    public int remindDue(Appeal appeal) {
        List<Integer> days = reminderDays(appeal.id());
        Instant now = clock.instant();
        if (days.isEmpty() || !appeal.acceptsSignatures(now)) {
            return 0;
        }
        int due = 0;
        for (int d : days) {
            if (!now.isBefore(appeal.deadline().minus(Duration.ofDays(d)))) {
                due++;
            }
        }
        return due == 0 ? 0 : remind(appeal, due);
    }

    private int remind(Appeal appeal, int autoLevel) {
        Organiser organiser = organisers.findById(appeal.organiserId()).orElseThrow();
        boolean auto = autoLevel != Integer.MAX_VALUE;
        List<Invitation> open = jdbc.prepareStatement("""
                SELECT i.* FROM invitation i
                 WHERE i.appeal_id = ? AND i.status = 'SENT' AND i.auto_reminders < ?
                 FOR UPDATE""", ps -> {
            ps.setLong(1, appeal.id());
            ps.setInt(2, autoLevel);
            return readAll(ps);
        });
        // Those who signed without the link are done too (signing marks invitations only on confirmation).
        Set<String> signed = signatures.confirmedAddresses(appeal.id());
        open = open.stream().filter(i -> !signed.contains(i.emailKey())).toList();
        String now = instants.convertToPersistedValue(clock.instant(), null);
        for (Invitation inv : open) {
            // A reminder carries a fresh link; earlier links keep working.
            String token = Tokens.newToken();
            update("INSERT INTO invitation_token (token_hash, invitation_id) VALUES (?, ?)", Tokens.hash(token), inv.id());
            send(appeal, organiser, inv.name(), inv.email(), municipalityName(inv.municipalityAgs()), token,
                    Locale.forLanguageTag(inv.language()), "invitation-reminder", "invitation.reminder.subject");
            if (auto) {
                update("UPDATE invitation SET auto_reminders = ?, reminders_sent = reminders_sent + 1,"
                        + " last_reminded_at = ? WHERE id = ?", autoLevel, now, inv.id());
            } else {
                update("UPDATE invitation SET reminders_sent = reminders_sent + 1, last_reminded_at = ? WHERE id = ?",
                        now, inv.id());
            }
        }
        return open.size();
    }

    public Optional<Invitation> byToken(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT i.* FROM invitation i JOIN invitation_token t ON t.invitation_id = i.id"
                + " WHERE t.token_hash = ?", ps -> {
            ps.setString(1, Tokens.hash(token));
            return readAll(ps).stream().findFirst();
        });
    }

    /** "Nicht mehr erinnern": no reminders any more; the link itself keeps working for signing. */
    public boolean optOut(String token) {
        Optional<Invitation> inv = byToken(token);
        inv.ifPresent(i -> update("UPDATE invitation SET status = 'OPTED_OUT', opted_out_at = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'SENT'",
                instants.convertToPersistedValue(clock.instant(), null),
                instants.convertToPersistedValue(clock.instant(), null), i.id()));
        return inv.isPresent();
    }

    /** A confirmed signature (told by signing inside its transaction): the invitation of that address is done. */
    @EventListener
    void onConfirmed(SignatureConfirmed confirmed) {
        markSigned(confirmed.appealId(), confirmed.emailKey());
    }

    void markSigned(long appealId, String emailKey) {
        String now = instants.convertToPersistedValue(clock.instant(), null);
        update("UPDATE invitation SET status = 'SIGNED', signed_at = ?, updated_at = ? WHERE appeal_id = ?"
                + " AND email_key = ? AND status <> 'SIGNED'", now, now, appealId, emailKey);
    }

    public Progress progress(long appealId) {
        return jdbc.prepareStatement("""
                SELECT COUNT(*),
                       SUM(CASE WHEN o.status = 'SENT' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN o.status IN ('PENDING', 'SENDING') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN o.status = 'FAILED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN i.status = 'SIGNED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN i.status = 'OPTED_OUT' THEN 1 ELSE 0 END)
                  FROM invitation i LEFT JOIN outbox_message o ON o.id = i.outbox_id
                 WHERE i.appeal_id = ?""", ps -> {
            ps.setLong(1, appealId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6));
            }
        });
    }

    /** One invitation as the organiser's list shows it; {@code mailStatus} is the outbox state of the invitation mail. */
    public record Listed(long id, String name, String email, String municipalityAgs, String municipalityName,
                         InvitationStatus status, String mailStatus, int remindersSent, Instant lastRemindedAt) {
    }

    /** A page of the appeal's invitations, in the order they were stored. */
    public List<Listed> list(long appealId, int offset, int limit) {
        return jdbc.prepareStatement("""
                SELECT i.id, i.name, i.email, i.municipality_ags, COALESCE(m.display_name, k.display_name) AS display_name,
                       i.status, o.status AS mail_status, i.reminders_sent, i.last_reminded_at
                  FROM invitation i
                  LEFT JOIN municipality m ON m.ags = i.municipality_ags
                  LEFT JOIN kreis k ON k.ags = i.municipality_ags
                  LEFT JOIN outbox_message o ON o.id = i.outbox_id
                 WHERE i.appeal_id = ?
                 ORDER BY i.id
                 LIMIT ? OFFSET ?""", ps -> {
            ps.setLong(1, appealId);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            List<Listed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ags = rs.getString("municipality_ags");
                    String place = rs.getString("display_name");
                    String reminded = rs.getString("last_reminded_at");
                    out.add(new Listed(rs.getLong("id"), rs.getString("name"), rs.getString("email"), ags,
                            place == null ? ags : place, InvitationStatus.valueOf(rs.getString("status")),
                            rs.getString("mail_status"), rs.getInt("reminders_sent"),
                            reminded == null ? null : instants.convertToEntityValue(reminded, null)));
                }
            }
            return out;
        });
    }

    public List<Integer> reminderDays(long appealId) {
        String value = jdbc.prepareStatement("SELECT reminder_days FROM appeal WHERE id = ?", ps -> {
            ps.setLong(1, appealId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> s.matches("\\d{1,3}"))
                .map(Integer::valueOf).sorted((a, b) -> b - a).limit(2).toList();
    }

    /** Sets the automatic reminder days: at most two, each 1–90 days before the deadline. */
    public void setReminderDays(long appealId, List<Integer> days) {
        List<Integer> clean = days.stream().distinct().sorted((a, b) -> b - a).toList();
        if (clean.size() > 2 || clean.stream().anyMatch(d -> d < 1 || d > 90)) {
            throw new IllegalArgumentException("invitation.reminderDays.invalid");
        }
        update("UPDATE appeal SET reminder_days = ? WHERE id = ?",
                clean.isEmpty() ? null : String.join(",", clean.stream().map(String::valueOf).toList()), appealId);
    }

    private long send(Appeal appeal, Organiser organiser, String name, String to, String municipality, String token,
                      Locale locale, String template, String subjectKey) {
        Formats fmt = new Formats(locale, clock, texts);
        Map<String, Object> model = new HashMap<>();
        model.put("name", name);
        model.put("appealTitle", appeal.title());
        model.put("addressee", appeal.addressee());
        model.put("organiserName", organiser.name());
        model.put("municipalityName", municipality);
        model.put("deadlineText", fmt.dateTime(appeal.deadline()));
        model.put("signUrl", config.getBaseUrl() + "/einladung/" + token);
        model.put("optOutUrl", config.getBaseUrl() + "/einladung/" + token + "/keine-erinnerung");
        MailTemplates.Rendered rendered = templates.render(template, locale, model);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + config.getBaseUrl() + "/einladung/" + token + "/keine-erinnerung>");
        return outbox.enqueue(new OutgoingMail(to, organiser.name() + " via Mitzeichnen", appeal.contactEmail(),
                texts.get(locale, subjectKey, appeal.title()), rendered.text(), rendered.html(), headers,
                "invitation." + template));
    }

    private String municipalityName(String ags) {
        // municipality_ags holds an AGS or, for an invitation to sign for a Landkreis, its 5-digit key
        return jdbc.prepareStatement("SELECT display_name FROM municipality WHERE ags = ?"
                + " UNION ALL SELECT display_name FROM kreis WHERE ags = ?", ps -> {
            ps.setString(1, ags);
            ps.setString(2, ags);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : ags;
            }
        });
    }

    private void update(String sql, Object... params) {
        jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        });
    }

    private static List<Invitation> readAll(PreparedStatement ps) throws java.sql.SQLException {
        List<Invitation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Invitation(rs.getLong("id"), rs.getLong("appeal_id"), rs.getString("name"),
                        rs.getString("email"), rs.getString("email_key"), rs.getString("role"),
                        rs.getString("municipality_ags"), rs.getString("body"), rs.getString("language"),
                        InvitationStatus.valueOf(rs.getString("status"))));
            }
        }
        return out;
    }

    Optional<Appeal> appeal(long id) {
        return appeals.findById(id);
    }
}
