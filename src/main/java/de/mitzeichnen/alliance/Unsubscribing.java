package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.invitation.Invitations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a press on the unsubscribe link (or a mail client's one-click POST) does: the objection is
 * kept, the address's open invitations to the alliance's appeals get no reminder any more, and the
 * audit log says that a contact of a member unsubscribed — without the address.
 */
@Singleton
class Unsubscribing {

    private final Unsubscribes unsubscribes;
    private final ContactStore store;
    private final Invitations invitations;
    private final AllianceAppeals appeals;
    private final Places places;
    private final AuditLog audit;

    Unsubscribing(
            Unsubscribes unsubscribes,
            ContactStore store,
            Invitations invitations,
            AllianceAppeals appeals,
            Places places,
            AuditLog audit) {
        this.unsubscribes = unsubscribes;
        this.store = store;
        this.invitations = invitations;
        this.appeals = appeals;
        this.places = places;
        this.audit = audit;
    }

    /** Records the objection once; a second press changes nothing. */
    @Transactional
    void unsubscribe(Alliance alliance, Unsubscribes.Link link) {
        if (!unsubscribes.record(link)) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", alliance.slug());
        // the contact it was, while it is kept (found by its hash: the link holds no address)
        for (Contact c : store.ofAlliance(alliance.id())) {
            if (Unsubscribes.addressHash(alliance.id(), c.emailKey()).equals(link.addressHash())) {
                invitations.optOutOfList(
                        AllianceMailingList.list(alliance.id()),
                        appeals.appealIds(alliance.id()),
                        c.emailKey());
                details.put("member", Memberships.describe(places.info(c.place(), Locale.GERMAN)));
                break;
            }
        }
        audit.record(
                Actor.system(),
                "ALLIANCE_CONTACT_UNSUBSCRIBED",
                alliance.organiserId(),
                null,
                details);
    }
}
