package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.mail.MailTemplates;
import de.mitzeichnen.mail.Outbox;
import de.mitzeichnen.mail.OutgoingMail;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.signing.SignatureConfirmed;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.Tokens;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Personal invitations: each invitee gets a link that opens the sign form filled in; signing
 * through it proves the address (trust INVITED). Reminders go only to invitees who have neither
 * signed nor opted out.
 */
@Singleton
@Connectable
public class Invitations {

    private final JdbcOperations jdbc;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final Organisers organisers;
    private final Appeals appeals;
    private final MitzeichnenConfig config;
    private final Texts texts;
    private final AuditLog audit;
    private final Clock clock;
    private final Signatures signatures;
    private final RateLimits limits;
    private final List<MailingLists> lists;

    Invitations(
            JdbcOperations jdbc,
            Outbox outbox,
            MailTemplates templates,
            Organisers organisers,
            Appeals appeals,
            MitzeichnenConfig config,
            Texts texts,
            AuditLog audit,
            Clock clock,
            Signatures signatures,
            RateLimits limits,
            List<MailingLists> lists) {
        this.lists = lists;
        this.signatures = signatures;
        this.limits = limits;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.templates = templates;
        this.organisers = organisers;
        this.appeals = appeals;
        this.config = config;
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * {@link #invite}, recorded in the audit log in the same transaction (with {@code details} and
     * the count).
     */
    @Transactional
    public int invite(
            Appeal appeal,
            List<InvitationCsv.Line> lines,
            Actor who,
            Locale language,
            Map<String, Object> details) {
        int sent = invite(appeal, lines, who.email(), language);
        Map<String, Object> recorded = new LinkedHashMap<>(details);
        recorded.put("invited", sent);
        audit.record(who, "INVITATIONS_SENT", appeal.organiserId(), appeal.id(), recorded);
        return sent;
    }

    /**
     * {@link #remindAll(Appeal)} by an organiser, recorded in the audit log in the same
     * transaction.
     */
    @Transactional
    public int remindAll(Appeal appeal, Actor who) {
        int reminded = remind(appeal, Integer.MAX_VALUE);
        audit.record(
                who,
                "INVITATION_REMINDERS_SENT",
                appeal.organiserId(),
                appeal.id(),
                Map.of("reminded", reminded));
        return reminded;
    }

    /**
     * {@link #setReminderDays(long, List)} by an organiser, recorded in the audit log in the same
     * transaction.
     */
    @Transactional
    public void setReminderDays(Appeal appeal, List<Integer> days, Actor who) {
        setReminderDays(appeal.id(), days);
        audit.record(
                who,
                "INVITATION_REMINDER_DAYS_SET",
                appeal.organiserId(),
                appeal.id(),
                Map.of(
                        "days",
                        String.join(
                                ",",
                                reminderDays(appeal.id()).stream().map(String::valueOf).toList())));
    }

    /** An invitation as the invitation link sees it. */
    public record Invitation(
            long id,
            long appealId,
            String name,
            String email,
            String emailKey,
            String role,
            String municipalityAgs,
            String body,
            String language,
            InvitationStatus status,
            @Nullable String mailingList) {}

    /** Sending progress of an appeal's invitations, by the state of their mails. */
    public record Progress(
            long invited, long sent, long pending, long failed, long signed, long optedOut) {}

    /**
     * Stores the good lines as invitations and queues their mails, all in one transaction. On an
     * appeal whose invitations go out on a mailing list (an alliance's), an address that has
     * unsubscribed from it is left out.
     */
    @Transactional
    public int invite(
            Appeal appeal, List<InvitationCsv.Line> lines, String actor, Locale language) {
        requireLimit(appeal);
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        String list = defaultList(appeal.id()).orElse(null);
        Instant now = clock.instant();
        int n = 0;
        for (InvitationCsv.Line line : lines) {
            if (!line.ok()) {
                continue;
            }
            Invitee invitee =
                    new Invitee(
                            line.name(),
                            line.address(),
                            line.signerRole(),
                            line.place().ags(),
                            line.place().displayName(),
                            line.body());
            if (store(appeal, organiser, invitee, language, actor, list, now)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Someone to invite whom another feature knows (an alliance member's contact person): the place
     * is an AGS or a Landkreis's 5-digit key, as in an invitation list.
     */
    public record Invitee(
            String name,
            EmailAddress address,
            SignerRole role,
            String placeKey,
            String placeName,
            @Nullable String body) {}

    /**
     * Invites these people on {@code list} (whose unsubscribe link every mail of theirs carries),
     * in one transaction with the caller's change: addresses already invited to the appeal or
     * unsubscribed from the list are left out. Returns how many were invited.
     */
    @Transactional
    public int inviteAll(
            Appeal appeal, List<Invitee> invitees, String list, Actor who, Locale language) {
        requireLimit(appeal);
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        Set<String> invited = invitedAddresses(appeal.id());
        Instant now = clock.instant();
        int n = 0;
        for (Invitee invitee : invitees) {
            if (invited.add(invitee.address().key())
                    && store(appeal, organiser, invitee, language, who.email(), list, now)) {
                n++;
            }
        }
        return n;
    }

    /** Sends per organiser, so that a taken-over account cannot mail the whole country. */
    private void requireLimit(Appeal appeal) {
        limits.require(
                RateLimits.Kind.INVITE,
                String.valueOf(appeal.organiserId()),
                limits.config().inviteLimit());
    }

    /** Stores one invitation and queues its mail; false when its list must not mail it. */
    private boolean store(
            Appeal appeal,
            Organiser organiser,
            Invitee invitee,
            Locale language,
            String actor,
            @Nullable String list,
            Instant now) {
        Optional<MailingLists.ListMail> onList = listMail(list, invitee.address().key());
        if (onList.isPresent() && onList.get().unsubscribed()) {
            return false;
        }
        String token = Tokens.newToken();
        long id =
                Sql.insert(
                        jdbc.getConnection(),
                        """
                INSERT INTO invitation (appeal_id, name, email, email_key, role, municipality_ags, body, language,
                  status, created_by, created_at, updated_at, mailing_list)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?, ?)""",
                        appeal.id(),
                        invitee.name(),
                        invitee.address().address(),
                        invitee.address().key(),
                        invitee.role().name(),
                        invitee.placeKey(),
                        invitee.body(),
                        language.getLanguage(),
                        actor,
                        now,
                        now,
                        onList.isPresent() ? list : null);
        update(
                "INSERT INTO invitation_token (token_hash, invitation_id) VALUES (?, ?)",
                Tokens.hash(token),
                id);
        long outboxId =
                send(
                        appeal,
                        organiser,
                        invitee.name(),
                        invitee.address().address(),
                        invitee.placeName(),
                        token,
                        language,
                        "invitation",
                        "invitation.mail.subject",
                        onList);
        update("UPDATE invitation SET outbox_id = ? WHERE id = ?", outboxId, id);
        return true;
    }

    /** The list the appeal's invitations go out on by default (its alliance's), if any. */
    Optional<String> defaultList(long appealId) {
        for (MailingLists l : lists) {
            Optional<String> list = l.listOf(appealId);
            if (list.isPresent()) {
                return list;
            }
        }
        return Optional.empty();
    }

    /** What a mail on {@code list} to the address carries, asked at the moment it is written. */
    Optional<MailingLists.ListMail> listMail(@Nullable String list, String emailKey) {
        if (list == null) {
            return Optional.empty();
        }
        for (MailingLists l : lists) {
            Optional<MailingLists.ListMail> mail = l.mail(list, emailKey);
            if (mail.isPresent()) {
                return mail;
            }
        }
        return Optional.empty();
    }

    /**
     * Reminds every invitee of the appeal who has not signed and not opted out; returns how many.
     */
    @Transactional
    public int remindAll(Appeal appeal) {
        return remind(appeal, Integer.MAX_VALUE);
    }

    /**
     * The automatic reminders: the appeal's reminder days (at most two, e.g. "7,2") before the
     * deadline, each invitee gets at most one reminder per configured day. Returns how many were
     * sent.
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
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        boolean auto = autoLevel != Integer.MAX_VALUE;
        List<Invitation> open =
                Sql.list(
                        jdbc.getConnection(),
                        """
                SELECT i.* FROM invitation i
                 WHERE i.appeal_id = ? AND i.status = 'SENT' AND i.auto_reminders < ?
                 FOR UPDATE""",
                        Invitations::invitation,
                        appeal.id(),
                        autoLevel);
        // Those who signed without the link are done too (signing marks invitations only on
        // confirmation).
        Set<String> signed = signatures.confirmedAddresses(appeal.id());
        open = open.stream().filter(i -> !signed.contains(i.emailKey())).toList();
        Instant now = clock.instant();
        int reminded = 0;
        for (Invitation inv : open) {
            // asked now, not when invited: an address that unsubscribed from the list since then
            // gets nothing more, and its invitation is done
            Optional<MailingLists.ListMail> onList =
                    listMail(
                            inv.mailingList() != null
                                    ? inv.mailingList()
                                    : defaultList(appeal.id()).orElse(null),
                            inv.emailKey());
            if (onList.isPresent() && onList.get().unsubscribed()) {
                update(
                        "UPDATE invitation SET status = 'OPTED_OUT', opted_out_at = ?, updated_at = ?"
                                + " WHERE id = ? AND status = 'SENT'",
                        now,
                        now,
                        inv.id());
                continue;
            }
            reminded++;
            // A reminder carries a fresh link; earlier links keep working.
            String token = Tokens.newToken();
            update(
                    "INSERT INTO invitation_token (token_hash, invitation_id) VALUES (?, ?)",
                    Tokens.hash(token),
                    inv.id());
            send(
                    appeal,
                    organiser,
                    inv.name(),
                    inv.email(),
                    municipalityName(inv.municipalityAgs()),
                    token,
                    Locale.forLanguageTag(inv.language()),
                    "invitation-reminder",
                    "invitation.reminder.subject",
                    onList);
            if (auto) {
                update(
                        "UPDATE invitation SET auto_reminders = ?, reminders_sent = reminders_sent + 1,"
                                + " last_reminded_at = ? WHERE id = ?",
                        autoLevel,
                        now,
                        inv.id());
            } else {
                update(
                        "UPDATE invitation SET reminders_sent = reminders_sent + 1, last_reminded_at = ? WHERE id = ?",
                        now,
                        inv.id());
            }
        }
        return reminded;
    }

    public Optional<Invitation> byToken(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return Sql.first(
                jdbc.getConnection(),
                "SELECT i.* FROM invitation i JOIN invitation_token t"
                        + " ON t.invitation_id = i.id WHERE t.token_hash = ?",
                Invitations::invitation,
                Tokens.hash(token));
    }

    /** "Nicht mehr erinnern": no reminders any more; the link itself keeps working for signing. */
    public boolean optOut(String token) {
        Optional<Invitation> inv = byToken(token);
        Instant now = clock.instant();
        inv.ifPresent(
                i ->
                        update(
                                "UPDATE invitation SET status = 'OPTED_OUT', opted_out_at = ?, updated_at = ?"
                                        + " WHERE id = ? AND status = 'SENT'",
                                now,
                                now,
                                i.id()));
        return inv.isPresent();
    }

    /**
     * A confirmed signature (told by signing inside its transaction): the invitation of that
     * address is done.
     */
    @EventListener
    void onConfirmed(SignatureConfirmed confirmed) {
        markSigned(confirmed.appealId(), confirmed.emailKey());
    }

    void markSigned(long appealId, String emailKey) {
        Instant now = clock.instant();
        update(
                "UPDATE invitation SET status = 'SIGNED', signed_at = ?, updated_at = ? WHERE appeal_id = ?"
                        + " AND email_key = ? AND status <> 'SIGNED'",
                now,
                now,
                appealId,
                emailKey);
    }

    public Progress progress(long appealId) {
        return Sql.first(
                        jdbc.getConnection(),
                        """
                SELECT COUNT(*),
                       SUM(CASE WHEN o.status = 'SENT' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN o.status IN ('PENDING', 'SENDING') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN o.status = 'FAILED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN i.status = 'SIGNED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN i.status = 'OPTED_OUT' THEN 1 ELSE 0 END)
                  FROM invitation i LEFT JOIN outbox_message o ON o.id = i.outbox_id
                 WHERE i.appeal_id = ?""",
                        rs ->
                                new Progress(
                                        rs.getLong(1),
                                        rs.getLong(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        rs.getLong(5),
                                        rs.getLong(6)),
                        appealId)
                .orElseThrow();
    }

    /**
     * One invitation as the organiser's list shows it; {@code mailStatus} is the outbox state of
     * the invitation mail.
     */
    public record Listed(
            long id,
            String name,
            String email,
            String municipalityAgs,
            String municipalityName,
            InvitationStatus status,
            String mailStatus,
            int remindersSent,
            Instant lastRemindedAt) {}

    /** A page of the appeal's invitations, in the order they were stored. */
    public List<Listed> list(long appealId, int offset, int limit) {
        return Sql.list(
                jdbc.getConnection(),
                """
                SELECT i.id, i.name, i.email, i.municipality_ags, COALESCE(m.display_name, k.display_name) AS display_name,
                       i.status, o.status AS mail_status, i.reminders_sent, i.last_reminded_at
                  FROM invitation i
                  LEFT JOIN municipality m ON m.ags = i.municipality_ags
                  LEFT JOIN kreis k ON k.ags = i.municipality_ags
                  LEFT JOIN outbox_message o ON o.id = i.outbox_id
                 WHERE i.appeal_id = ?
                 ORDER BY i.id
                 LIMIT ? OFFSET ?""",
                rs -> {
                    String ags = rs.getString("municipality_ags");
                    String place = rs.getString("display_name");
                    return new Listed(
                            rs.getLong("id"),
                            rs.getString("name"),
                            rs.getString("email"),
                            ags,
                            place == null ? ags : place,
                            InvitationStatus.valueOf(rs.getString("status")),
                            rs.getString("mail_status"),
                            rs.getInt("reminders_sent"),
                            Sql.instant(rs, "last_reminded_at"));
                },
                appealId,
                limit,
                offset);
    }

    public List<Integer> reminderDays(long appealId) {
        String value =
                Sql.first(
                                jdbc.getConnection(),
                                "SELECT reminder_days FROM invitation_settings WHERE appeal_id = ?",
                                rs -> rs.getString(1),
                                appealId)
                        .orElse(null);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> s.matches("\\d{1,3}"))
                .map(Integer::valueOf)
                .sorted((a, b) -> b - a)
                .limit(2)
                .toList();
    }

    /** Sets the automatic reminder days: at most two, each 1–90 days before the deadline. */
    public void setReminderDays(long appealId, List<Integer> days) {
        List<Integer> clean = days.stream().distinct().sorted((a, b) -> b - a).toList();
        if (clean.size() > 2 || clean.stream().anyMatch(d -> d < 1 || d > 90)) {
            throw new IllegalArgumentException("invitation.reminderDays.invalid");
        }
        update(
                "INSERT INTO invitation_settings (appeal_id, reminder_days) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE reminder_days = VALUES(reminder_days)",
                appealId,
                clean.isEmpty()
                        ? null
                        : String.join(",", clean.stream().map(String::valueOf).toList()));
    }

    /** The addresses (keys) invited to the appeal so far. */
    public Set<String> invitedAddresses(long appealId) {
        return new HashSet<>(
                Sql.list(
                        jdbc.getConnection(),
                        "SELECT email_key FROM invitation WHERE appeal_id = ?",
                        rs -> rs.getString(1),
                        appealId));
    }

    /**
     * The invitation link was opened (GET): remembered once, as a hint for the organiser — a mail
     * gateway that checks links opens it too. Changes nothing else.
     */
    void markOpened(long invitationId) {
        update(
                "UPDATE invitation SET opened_at = ? WHERE id = ? AND opened_at IS NULL",
                clock.instant(),
                invitationId);
    }

    /**
     * An appeal's invitations per place (AGS or Landkreis key): how many were invited, opened their
     * link, signed, opted out.
     */
    public record PlaceProgress(
            String placeKey, long invited, long opened, long signed, long optedOut) {}

    public Map<String, PlaceProgress> byPlace(long appealId) {
        Map<String, PlaceProgress> out = new HashMap<>();
        Sql.list(
                        jdbc.getConnection(),
                        """
                SELECT municipality_ags, COUNT(*),
                       SUM(CASE WHEN opened_at IS NOT NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'SIGNED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'OPTED_OUT' THEN 1 ELSE 0 END)
                  FROM invitation WHERE appeal_id = ? GROUP BY municipality_ags""",
                        rs ->
                                new PlaceProgress(
                                        rs.getString(1),
                                        rs.getLong(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        rs.getLong(5)),
                        appealId)
                .forEach(p -> out.put(p.placeKey(), p));
        return out;
    }

    /**
     * The address unsubscribed from {@code list}: its open invitations on the list, or of these
     * appeals, get no reminder any more. Returns how many were open.
     */
    @Transactional
    public int optOutOfList(String list, Collection<Long> appealIds, String emailKey) {
        Instant now = clock.instant();
        return Sql.update(
                jdbc.getConnection(),
                "UPDATE invitation SET status = 'OPTED_OUT', opted_out_at = ?, updated_at = ?"
                        + " WHERE email_key = ? AND status = 'SENT' AND (mailing_list = ?"
                        + inAppeals(appealIds)
                        + ")",
                params(List.of(now, now, emailKey, list), appealIds));
    }

    /**
     * Erases every invitation of the address on {@code list} or to these appeals, with its links
     * and the finished mails to it (part of erasing a contact on request). Mails still waiting go
     * out and are erased then. Returns how many invitations went.
     */
    @Transactional
    public int eraseOnList(String list, Collection<Long> appealIds, String emailKey) {
        List<Object[]> gone =
                Sql.list(
                        jdbc.getConnection(),
                        "SELECT id, email FROM invitation WHERE email_key = ? AND (mailing_list = ?"
                                + inAppeals(appealIds)
                                + ")",
                        rs -> new Object[] {rs.getLong(1), rs.getString(2)},
                        params(List.of(emailKey, list), appealIds));
        for (Object[] row : gone) {
            update("DELETE FROM invitation_token WHERE invitation_id = ?", row[0]);
            update("DELETE FROM invitation WHERE id = ?", row[0]);
            outbox.eraseFor((String) row[1]);
        }
        return gone.size();
    }

    private static String inAppeals(Collection<Long> appealIds) {
        return appealIds.isEmpty()
                ? ""
                : " OR appeal_id IN ("
                        + String.join(",", Collections.nCopies(appealIds.size(), "?"))
                        + ")";
    }

    private static Object[] params(List<Object> first, Collection<Long> appealIds) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(appealIds);
        return all.toArray();
    }

    private long send(
            Appeal appeal,
            Organiser organiser,
            String name,
            String to,
            String municipality,
            String token,
            Locale locale,
            String template,
            String subjectKey,
            Optional<MailingLists.ListMail> onList) {
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
        onList.ifPresent(
                l -> {
                    model.put("listName", l.name());
                    model.put("unsubscribeUrl", l.unsubscribeUrl());
                });
        MailTemplates.Rendered rendered = templates.render(template, locale, model);
        Map<String, String> headers = new LinkedHashMap<>();
        if (onList.isPresent()) {
            // RFC 8058: a mail client's „unsubscribe" posts to the link, without a page
            headers.put("List-Unsubscribe", "<" + onList.get().unsubscribeUrl() + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        } else {
            headers.put(
                    "List-Unsubscribe",
                    "<" + config.getBaseUrl() + "/einladung/" + token + "/keine-erinnerung>");
        }
        return outbox.enqueue(
                new OutgoingMail(
                        to,
                        organiser.name() + " via Mitzeichnen",
                        appeal.contactEmail(),
                        texts.get(locale, subjectKey, appeal.title()),
                        rendered.text(),
                        rendered.html(),
                        headers,
                        "invitation." + template));
    }

    private String municipalityName(String ags) {
        // municipality_ags holds an AGS or, for an invitation to sign for a Landkreis, its 5-digit
        // key
        return Sql.first(
                        jdbc.getConnection(),
                        "SELECT display_name FROM municipality WHERE ags = ?"
                                + " UNION ALL SELECT display_name FROM kreis WHERE ags = ?",
                        rs -> rs.getString(1),
                        ags,
                        ags)
                .orElse(ags);
    }

    private void update(String sql, Object... params) {
        Sql.update(jdbc.getConnection(), sql, params);
    }

    private static Invitation invitation(ResultSet rs) throws SQLException {
        return new Invitation(
                rs.getLong("id"),
                rs.getLong("appeal_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("email_key"),
                rs.getString("role"),
                rs.getString("municipality_ags"),
                rs.getString("body"),
                rs.getString("language"),
                InvitationStatus.valueOf(rs.getString("status")),
                rs.getString("mailing_list"));
    }

    Optional<Appeal> appeal(long id) {
        return appeals.byId(id);
    }
}
