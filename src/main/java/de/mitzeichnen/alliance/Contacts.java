package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.invitation.Invitations;
import de.mitzeichnen.invitation.RoleWords;
import de.mitzeichnen.signing.SignerText;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The contact persons of an alliance's members: adding (one by one or from a file), editing and
 * erasing them, every change audited without the person's name or address. A contact belongs to a
 * place that is a member now or will be; its role is one of the offices officials sign in (read
 * from the same words as invitation lists), its address is unique in the alliance.
 *
 * <p>Erasing really deletes: the row, the person's invitations to the alliance's appeals and the
 * finished mails to them. What stays is the hash of an address that unsubscribed, so that the
 * alliance never writes to it again.
 */
@Singleton
public class Contacts {

    public static final int MAX_NOTE = 1000;

    /** A contact as a form or a file gives it, unchecked. */
    public record Input(String name, String role, String email, String body, String note) {}

    /** The stored contact, or what is wrong (per field: place, name, role, email, body, note). */
    public record Outcome(@Nullable Contact contact, FormErrors errors, boolean conflict) {
        public boolean ok() {
            return contact != null;
        }
    }

    private final ContactStore store;
    private final MemberStore members;
    private final StatsLedger ledger;
    private final Places places;
    private final Invitations invitations;
    private final AllianceAppeals appeals;
    private final AuditLog audit;
    private final Texts texts;
    private final Clock clock;

    Contacts(
            ContactStore store,
            MemberStore members,
            StatsLedger ledger,
            Places places,
            Invitations invitations,
            AllianceAppeals appeals,
            AuditLog audit,
            Texts texts,
            Clock clock) {
        this.store = store;
        this.members = members;
        this.ledger = ledger;
        this.places = places;
        this.invitations = invitations;
        this.appeals = appeals;
        this.audit = audit;
        this.texts = texts;
        this.clock = clock;
    }

    // ---- reading ----

    /** Every contact of the alliance, by place and name. */
    public List<Contact> all(long allianceId) {
        return store.ofAlliance(allianceId);
    }

    public List<Contact> ofPlace(long allianceId, MemberPlace place) {
        return store.ofPlace(allianceId, place);
    }

    public Optional<Contact> byId(long allianceId, long id) {
        return store.byId(allianceId, id);
    }

    // ---- the rules ----

    /**
     * The places a contact may belong to: members today or from a later date (a member that has
     * left keeps its contacts, but gets no new ones), in order of joining.
     */
    public List<MemberPlace> places(long allianceId) {
        LocalDate today = ledger.today();
        return members.ofAlliance(allianceId).stream()
                .filter(m -> m.leftOn() == null || m.leftOn().isAfter(today))
                .map(Member::place)
                .distinct()
                .toList();
    }

    /** A checked contact: its fields as stored, or the problems (field, message key, args). */
    record Checked(@Nullable ContactStore.Fields fields, List<Memberships.Problem> problems) {}

    /**
     * Checks a contact for {@code place} against the rules and the alliance's stored contacts
     * ({@code except}: the contact being edited).
     */
    Checked check(long allianceId, @Nullable MemberPlace place, Input in, @Nullable Long except) {
        List<Memberships.Problem> out = new ArrayList<>();
        if (place == null) {
            out.add(Memberships.Problem.of("place", "alliance.contact.error.member.required"));
        } else if (!places(allianceId).contains(place)) {
            out.add(Memberships.Problem.of("place", "alliance.contact.error.notMember"));
        }
        String name = in.name() == null ? "" : in.name().strip();
        SignerText.name(name)
                .ifPresent(
                        p ->
                                out.add(
                                        Memberships.Problem.of(
                                                "name", "invitation.problem.name." + p.name())));
        String roleText = in.role() == null ? "" : in.role().strip();
        SignerRole role = roleText.isEmpty() ? null : RoleWords.read(roleText, texts).orElse(null);
        if (role == null || role == SignerRole.OTHER) {
            out.add(
                    Memberships.Problem.of(
                            "role",
                            roleText.isEmpty()
                                    ? "alliance.contact.error.role.required"
                                    : "invitation.problem.role.unknown"));
        } else if (place != null
                && place.kind() != MemberPlace.Kind.FOREIGN
                && !role.fits(place.kind() == MemberPlace.Kind.DISTRICT)) {
            out.add(
                    Memberships.Problem.of(
                            "role",
                            place.kind() == MemberPlace.Kind.DISTRICT
                                    ? "invitation.problem.role.notForDistrict"
                                    : "invitation.problem.role.onlyForDistrict"));
        }
        EmailAddress.Check mail = EmailAddress.check(in.email());
        if (!mail.valid()) {
            out.add(Memberships.Problem.of("email", mail.errorKey()));
        } else {
            Optional<Contact> same = store.byEmailKey(allianceId, mail.address().key());
            if (same.isPresent() && (except == null || same.get().id() != except)) {
                out.add(Memberships.Problem.of("email", "alliance.contact.error.email.taken"));
            }
        }
        String body = in.body() == null ? "" : in.body().strip();
        SignerText.body(body)
                .ifPresent(
                        p ->
                                out.add(
                                        Memberships.Problem.of(
                                                "body", "invitation.problem.body." + p.name())));
        String note = in.note() == null ? "" : in.note().strip();
        if (note.length() > MAX_NOTE
                || note.codePoints()
                        .anyMatch(
                                c ->
                                        c != '\n'
                                                && c != '\r'
                                                && c != '\t'
                                                && Character.isISOControl(c))
                || SignerText.hasControl(note.replaceAll("[\\r\\n\\t]", " "))) {
            out.add(Memberships.Problem.of("note", "alliance.contact.error.note", MAX_NOTE));
        }
        if (!out.isEmpty()) {
            return new Checked(null, out);
        }
        return new Checked(
                new ContactStore.Fields(
                        name,
                        role,
                        mail.address().address(),
                        mail.address().key(),
                        body.isEmpty() ? null : body,
                        note.isEmpty() ? null : note.replace("\r\n", "\n")),
                out);
    }

    // ---- changes ----

    /** Adds a contact to a member, or refuses and stores nothing. */
    @Transactional
    public Outcome add(Alliance alliance, @Nullable MemberPlace place, Input in, Actor who) {
        Checked checked = check(alliance.id(), place, in, null);
        if (checked.fields() == null) {
            return new Outcome(null, Memberships.errors(checked.problems()), false);
        }
        long id;
        try {
            id = store.insert(alliance.id(), place, checked.fields(), now());
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                // the same address added at the same moment in another tab
                return new Outcome(
                        null,
                        new FormErrors().field("email", "alliance.contact.error.email.taken"),
                        false);
            }
            throw e;
        }
        Contact added = store.byId(alliance.id(), id).orElseThrow();
        record(alliance, "ALLIANCE_CONTACT_ADDED", added, who);
        return new Outcome(added, new FormErrors(), false);
    }

    /**
     * Changes a contact that is still at {@code version}; a change by someone else meanwhile is a
     * conflict (nothing stored).
     */
    @Transactional
    public Outcome update(Alliance alliance, long id, long version, Input in, Actor who) {
        Contact current = store.byId(alliance.id(), id).orElse(null);
        if (current == null) {
            return new Outcome(
                    null, new FormErrors().general("alliance.contact.error.unknown"), false);
        }
        if (current.version() != version) {
            return new Outcome(
                    null, new FormErrors().general("alliance.contact.error.conflict"), true);
        }
        Checked checked = check(alliance.id(), current.place(), in, id);
        if (checked.fields() == null) {
            return new Outcome(null, Memberships.errors(checked.problems()), false);
        }
        boolean changed;
        try {
            changed = store.update(alliance.id(), id, version, checked.fields(), now());
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return new Outcome(
                        null,
                        new FormErrors().field("email", "alliance.contact.error.email.taken"),
                        false);
            }
            throw e;
        }
        if (!changed) {
            return new Outcome(
                    null, new FormErrors().general("alliance.contact.error.conflict"), true);
        }
        Contact saved = store.byId(alliance.id(), id).orElseThrow();
        record(alliance, "ALLIANCE_CONTACT_UPDATED", saved, who);
        return new Outcome(saved, new FormErrors(), false);
    }

    /**
     * Erases a contact for good (on request, or {@code expired} by the retention): the row, the
     * person's invitations to the alliance's appeals with their links, and the finished mails to
     * them. An objection (unsubscribe) stays, as a hash. Returns false when there was no such
     * contact.
     */
    @Transactional
    public boolean erase(Alliance alliance, long id, Actor who, boolean expired) {
        Contact c = store.byId(alliance.id(), id).orElse(null);
        if (c == null) {
            return false;
        }
        invitations.eraseOnList(
                AllianceMailingList.list(alliance.id()),
                appeals.appealIds(alliance.id()),
                c.emailKey());
        store.delete(alliance.id(), id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.put("member", Memberships.describe(places.info(c.place(), Locale.GERMAN)));
        String action = expired ? "ALLIANCE_CONTACT_EXPIRED" : "ALLIANCE_CONTACT_ERASED";
        audit.record(who, action, alliance.organiserId(), null, details);
        return true;
    }

    /** One row of a file, checked by {@link ContactCsv}: the place and the contact. */
    record NewContact(MemberPlace place, Input input) {}

    /**
     * Adds every row that still passes the rules (one may have become a duplicate since the
     * preview), in one transaction with one audit entry; returns how many were added.
     */
    @Transactional
    int addAll(Alliance alliance, List<NewContact> rows, Actor who, Map<String, ?> about) {
        int added = 0;
        Instant now = now();
        for (NewContact row : rows) {
            Checked checked = check(alliance.id(), row.place(), row.input(), null);
            if (checked.fields() != null) {
                store.insert(alliance.id(), row.place(), checked.fields(), now);
                added++;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.putAll(about);
        details.put("added", added);
        audit.record(who, "ALLIANCE_CONTACTS_IMPORTED", alliance.organiserId(), null, details);
        return added;
    }

    /** These contacts were written to: their retention starts again. */
    void used(Collection<Long> ids) {
        store.used(ids, now());
    }

    private void record(Alliance alliance, String action, Contact c, Actor who) {
        // no name, no address, no note: the audit log outlives an erasure
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.put("member", Memberships.describe(places.info(c.place(), Locale.GERMAN)));
        audit.record(who, action, alliance.organiserId(), null, details);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
