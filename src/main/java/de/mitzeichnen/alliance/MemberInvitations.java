package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.invitation.Invitations;
import de.mitzeichnen.signing.Signatures;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Invites the contacts of an alliance's current members to an appeal the alliance runs, through the
 * invitation feature (personal links, reminders): all of them, or those of some roles and bodies.
 * Left out, each with its reason: addresses that unsubscribed from the alliance, that are invited
 * already or have signed, roles the appeal does not take, and places abroad (an invitation fills in
 * a German municipality or Landkreis). Run again after members joined, it invites only who is new.
 */
@Singleton
public class MemberInvitations {

    /** Why a contact is not invited. */
    public enum Skip {
        UNSUBSCRIBED,
        INVITED,
        SIGNED,
        ROLE,
        ABROAD
    }

    /**
     * Which contacts: these roles and bodies (empty: all; the body {@code ""} stands for contacts
     * without one).
     */
    public record Filter(Set<SignerRole> roles, Set<String> bodies) {
        public static final Filter ALL = new Filter(Set.of(), Set.of());

        boolean takes(Contact c) {
            return (roles.isEmpty() || roles.contains(c.role()))
                    && (bodies.isEmpty() || bodies.contains(c.body() == null ? "" : c.body()));
        }
    }

    /** A current member's contact the filter takes, and why it is left out (null: invited). */
    public record Candidate(Contact contact, PlaceInfo place, @Nullable Skip skip) {}

    /** What an invitation run would do, or did. */
    public record Plan(List<Candidate> candidates) {
        public List<Candidate> toInvite() {
            return candidates.stream().filter(c -> c.skip() == null).toList();
        }

        public long skipped(Skip why) {
            return candidates.stream().filter(c -> c.skip() == why).count();
        }
    }

    private final Contacts contacts;
    private final Memberships memberships;
    private final Places places;
    private final Unsubscribes unsubscribes;
    private final Invitations invitations;
    private final Signatures signatures;
    private final AuditLog audit;
    private final Clock clock;

    MemberInvitations(
            Contacts contacts,
            Memberships memberships,
            Places places,
            Unsubscribes unsubscribes,
            Invitations invitations,
            Signatures signatures,
            AuditLog audit,
            Clock clock) {
        this.contacts = contacts;
        this.memberships = memberships;
        this.places = places;
        this.unsubscribes = unsubscribes;
        this.invitations = invitations;
        this.signatures = signatures;
        this.audit = audit;
        this.clock = clock;
    }

    /** Invitations go out only while the appeal takes signatures (its link opens the form). */
    public boolean canInvite(Appeal appeal) {
        return appeal.statusAt(clock.instant()) == AppealStatus.OPEN;
    }

    /** The roles and bodies the current members' contacts have: the filter's choices. */
    public record Choices(List<SignerRole> roles, List<String> bodies) {}

    public Choices choices(Alliance alliance) {
        List<Contact> current = currentContacts(alliance);
        return new Choices(
                current.stream().map(Contact::role).distinct().sorted().toList(),
                new ArrayList<>(
                        current.stream()
                                .map(c -> c.body() == null ? "" : c.body())
                                .collect(Collectors.toCollection(TreeSet::new))));
    }

    /** Who would be invited now, and who not and why (nothing is stored). */
    public Plan plan(Alliance alliance, Appeal appeal, Filter filter, Locale locale) {
        Set<String> invited = invitations.invitedAddresses(appeal.id());
        Set<String> signed = signatures.confirmedAddresses(appeal.id());
        List<Candidate> out = new ArrayList<>();
        for (Contact c : currentContacts(alliance)) {
            if (!filter.takes(c)) {
                continue;
            }
            Skip skip = null;
            if (unsubscribes.unsubscribed(alliance.id(), c.emailKey())) {
                skip = Skip.UNSUBSCRIBED;
            } else if (invited.contains(c.emailKey())) {
                skip = Skip.INVITED;
            } else if (signed.contains(c.emailKey())) {
                skip = Skip.SIGNED;
            } else if (c.place().kind() == MemberPlace.Kind.FOREIGN) {
                skip = Skip.ABROAD;
            } else if (!appeal.allowedRoles().contains(c.role())
                    || !c.role().fits(c.place().kind() == MemberPlace.Kind.DISTRICT)) {
                skip = Skip.ROLE;
            }
            out.add(new Candidate(c, places.info(c.place(), locale), skip));
        }
        return new Plan(out);
    }

    /**
     * Invites every candidate of the plan as it stands now, in the language chosen, recorded in the
     * audit log; returns how many were invited.
     */
    @Transactional
    public int invite(
            Alliance alliance,
            Appeal appeal,
            Filter filter,
            Actor who,
            Locale language,
            String filterText) {
        Plan plan = plan(alliance, appeal, filter, language);
        List<Invitations.Invitee> invitees = new ArrayList<>();
        for (Candidate c : plan.toInvite()) {
            EmailAddress address = EmailAddress.parse(c.contact().email()).orElse(null);
            if (address == null) {
                continue;
            }
            invitees.add(
                    new Invitations.Invitee(
                            c.contact().name(),
                            address,
                            c.contact().role(),
                            c.place().place().key(),
                            c.place().name(),
                            c.contact().body()));
        }
        int invited =
                invitations.inviteAll(
                        appeal, invitees, AllianceMailingList.list(alliance.id()), who, language);
        contacts.used(plan.toInvite().stream().map(c -> c.contact().id()).toList());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        details.put("title", appeal.title());
        details.put("filter", filterText);
        details.put("invited", invited);
        audit.record(who, "ALLIANCE_MEMBERS_INVITED", alliance.organiserId(), appeal.id(), details);
        return invited;
    }

    /** The contacts of today's members, by place and name. */
    private List<Contact> currentContacts(Alliance alliance) {
        Set<MemberPlace> current =
                memberships.onDay(alliance.id(), memberships.today()).stream()
                        .map(Member::place)
                        .collect(Collectors.toSet());
        return contacts.all(alliance.id()).stream()
                .filter(c -> current.contains(c.place()))
                .toList();
    }
}
