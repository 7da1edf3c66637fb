package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.counting.SupportCounts;
import de.mitzeichnen.counting.Tally;
import de.mitzeichnen.invitation.Invitations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the members of the alliance that runs an appeal stand on it. „N von M Mitgliedern haben
 * unterzeichnet": M is the alliance's members today (places whose membership is in force on this
 * day in Berlin, each once), N those of them with at least one publicly counted signature for the
 * appeal — whenever it was given. A member that has left is in neither number, though its
 * signatures still count for the appeal like anyone's; one that joins later counts from the day it
 * joins. Non-members' signatures count for the appeal as before and are no part of N.
 *
 * <p>Both numbers are read from maintained tables, never from the signatures: today's memberships
 * of the alliance ({@code alliance_member}, a few thousand rows at most) and, for just those
 * places, the appeal's aggregate ({@code support_unit} by its primary key, through counting's
 * {@link SupportCounts#ofPlaces}). The public page reads them once per render of its render cache.
 */
@Singleton
public class AppealMembers {

    /** N of M: current members that have signed, current members. */
    public record Share(Alliance alliance, long signed, long members) {}

    /** Where a member stands on the appeal, for the organiser. */
    public enum State {
        SIGNED,
        AWAITING,
        OPENED,
        INVITED,
        NOT_YET
    }

    /** A current member with its invitations, and its signatures as the aggregate counts them. */
    public record MemberState(
            PlaceInfo place, long invited, long opened, long counted, long awaiting, State state) {}

    private final AllianceAppeals allianceAppeals;
    private final Alliances alliances;
    private final Memberships memberships;
    private final SupportCounts counts;
    private final Invitations invitations;
    private final Places places;
    private final CurrentMembers currentMembers;

    AppealMembers(
            AllianceAppeals allianceAppeals,
            Alliances alliances,
            Memberships memberships,
            SupportCounts counts,
            Invitations invitations,
            Places places,
            CurrentMembers currentMembers) {
        this.currentMembers = currentMembers;
        this.allianceAppeals = allianceAppeals;
        this.alliances = alliances;
        this.memberships = memberships;
        this.counts = counts;
        this.invitations = invitations;
        this.places = places;
    }

    /** The alliance that runs the appeal, if one does. */
    public Optional<Alliance> allianceOf(long appealId) {
        return allianceAppeals.allianceOf(appealId).flatMap(alliances::byId);
    }

    /** N of M for the appeal, when an alliance runs it. */
    public Optional<Share> share(Appeal appeal) {
        return allianceOf(appeal.id())
                .map(
                        a -> {
                            Set<MemberPlace> current = current(a);
                            Map<MemberPlace, SupportCounts.PlaceSupport> support =
                                    support(appeal, current);
                            long signed =
                                    support.values().stream().filter(s -> s.counted() > 0).count();
                            return new Share(a, signed, current.size());
                        });
    }

    /** The current members with a counted signature for the appeal. */
    public Set<MemberPlace> signedMembers(Alliance alliance, Appeal appeal) {
        Set<MemberPlace> out = new LinkedHashSet<>();
        support(appeal, current(alliance))
                .forEach(
                        (place, s) -> {
                            if (s.counted() > 0) {
                                out.add(place);
                            }
                        });
        return out;
    }

    /**
     * Every current member with its invitations (invited, link opened) and signatures (counted,
     * awaiting the organiser's check): for the organiser's dashboard only.
     */
    public List<MemberState> progress(Alliance alliance, Appeal appeal, Locale locale) {
        Set<MemberPlace> current = current(alliance);
        Map<MemberPlace, SupportCounts.PlaceSupport> support = support(appeal, current);
        Map<String, Invitations.PlaceProgress> invited = invitations.byPlace(appeal.id());
        List<MemberState> out = new ArrayList<>();
        for (MemberPlace p : current) {
            SupportCounts.PlaceSupport s = support.get(p);
            long counted = s == null ? 0 : s.counted();
            long awaiting = s == null ? 0 : s.awaiting();
            // invitations know German places by AGS or Landkreis key, as here
            Invitations.PlaceProgress i =
                    p.kind() == MemberPlace.Kind.FOREIGN ? null : invited.get(p.key());
            long inv = i == null ? 0 : i.invited();
            long opened = i == null ? 0 : i.opened();
            State state =
                    counted > 0
                            ? State.SIGNED
                            : awaiting > 0
                                    ? State.AWAITING
                                    : opened > 0
                                            ? State.OPENED
                                            : inv > 0 ? State.INVITED : State.NOT_YET;
            out.add(new MemberState(places.info(p, locale), inv, opened, counted, awaiting, state));
        }
        out.sort(
                Comparator.comparing(MemberState::state)
                        .thenComparing(m -> m.place().name(), String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Today's members, each place once. */
    Set<MemberPlace> current(Alliance alliance) {
        return currentMembers.on(alliance.id(), memberships.today());
    }

    private Map<MemberPlace, SupportCounts.PlaceSupport> support(
            Appeal appeal, Set<MemberPlace> places) {
        Map<Tally.Place, MemberPlace> byTally = new java.util.HashMap<>();
        for (MemberPlace p : places) {
            byTally.put(tally(p), p);
        }
        Map<MemberPlace, SupportCounts.PlaceSupport> out = new java.util.HashMap<>();
        if (byTally.isEmpty()) {
            return out;
        }
        for (SupportCounts.PlaceSupport s : counts.ofPlaces(appeal.id(), byTally.keySet())) {
            MemberPlace p = byTally.get(s.place());
            if (p != null) {
                out.put(p, s);
            }
        }
        return out;
    }

    /** A member's place as counting keys it (the same keys as table signature). */
    static Tally.Place tally(MemberPlace p) {
        return new Tally.Place(
                switch (p.kind()) {
                    case MUNICIPALITY -> Tally.Kind.M;
                    case DISTRICT -> Tally.Kind.K;
                    case FOREIGN -> Tally.Kind.F;
                },
                p.key());
    }
}
